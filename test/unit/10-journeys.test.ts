import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, StoreError, type JourneyListOptions, type Store } from '../../src/store';
import { expectStoreError, rawExec } from '../helpers/seedChecks';
import { TempDir } from '../helpers/tempStore';

describe('journeys repository', () => {
  let tmp: TempDir;
  let store: Store;

  beforeEach(() => {
    tmp = new TempDir();
    store = tmp.open();
  });
  afterEach(() => tmp.dispose());

  describe('create, find and get', () => {
    it('creates a running journey with default settings and a prefixed id', () => {
      const before = Date.now();
      const journey = store.journeys.create({ input: 'Why do retries storm?' });
      assert.match(journey.id, /^journey_[0-9a-z]+$/);
      assert.equal(journey.input, 'Why do retries storm?');
      assert.equal(journey.status, 'running');
      assert.deepEqual(journey.settings, { ...DEFAULT_SETTINGS });
      assert.ok(journey.createdAt >= before && journey.createdAt <= Date.now());
      assert.equal(journey.updatedAt, journey.createdAt);
      assert.deepEqual(store.journeys.findById(journey.id), journey);
    });

    it('keeps explicit id, createdAt, status and merges partial settings over the defaults', () => {
      const journey = store.journeys.create({
        id: 'journey_fixed',
        input: 'Explicit',
        status: 'paused',
        createdAt: 1_000,
        settings: { maxStages: 3, model: 'm-2', extra: { kept: true } },
      });
      const found = store.journeys.getById('journey_fixed');
      assert.deepEqual(found, journey);
      assert.equal(found.status, 'paused');
      assert.equal(found.createdAt, 1_000);
      assert.equal(found.settings.maxStages, 3);
      assert.equal(found.settings.model, 'm-2');
      assert.equal(found.settings.autoAdvance, DEFAULT_SETTINGS.autoAdvance);
      assert.deepEqual(found.settings.stageTypes, DEFAULT_SETTINGS.stageTypes);
      assert.deepEqual(found.settings.extra, { kept: true });
    });

    it('returns undefined from findById and NOT_FOUND from getById for a missing journey', () => {
      assert.equal(store.journeys.findById('journey_missing'), undefined);
      assert.equal(store.journeys.findSummaryById('journey_missing'), undefined);
      expectStoreError(() => store.journeys.getById('journey_missing'), 'NOT_FOUND', /journey_missing/);
    });

    it('refuses an empty id when looking up', () => {
      expectStoreError(() => store.journeys.findById(''), 'INVALID_INPUT', /Journey id/);
    });
  });

  describe('validation', () => {
    it('refuses empty or whitespace input, naming the input', () => {
      expectStoreError(() => store.journeys.create({ input: '' }), 'INVALID_INPUT', /input/);
      expectStoreError(() => store.journeys.create({ input: '   \n' }), 'INVALID_INPUT', /input/);
      expectStoreError(
        () => store.journeys.create({ input: 42 as never }),
        'INVALID_INPUT',
        /input must be text/,
      );
      assert.equal(store.journeys.count(), 0);
    });

    it('refuses an unknown status, naming the field and the value', () => {
      const error = expectStoreError(
        () => store.journeys.create({ input: 'x', status: 'flying' as never }),
        'INVALID_INPUT',
        /status/,
      );
      assert.match(error.message, /"flying"/);
      assert.equal(store.journeys.count(), 0);
    });

    it('refuses settings that are not an object, or whose known keys have the wrong shape', () => {
      expectStoreError(
        () => store.journeys.create({ input: 'x', settings: [] as never }),
        'INVALID_INPUT',
        /settings must be an object/,
      );
      expectStoreError(
        () => store.journeys.create({ input: 'x', settings: 'fast' as never }),
        'INVALID_INPUT',
        /settings/,
      );
      expectStoreError(
        () => store.journeys.create({ input: 'x', settings: { maxStages: 0 } }),
        'INVALID_INPUT',
        /settings\.maxStages/,
      );
      expectStoreError(
        () => store.journeys.create({ input: 'x', settings: { stageTypes: 'all' as never } }),
        'INVALID_INPUT',
        /settings\.stageTypes/,
      );
      expectStoreError(
        () => store.journeys.create({ input: 'x', createdAt: -5 }),
        'INVALID_INPUT',
        /createdAt/,
      );
      assert.equal(store.journeys.count(), 0);
    });
  });

  describe('summaries and counts', () => {
    it('counts stages and artifacts for tree labels without loading content', () => {
      const journey = store.journeys.create({ input: 'Counting' });
      const empty = store.journeys.create({ input: 'Empty' });
      const s1 = store.stages.create({ journeyId: journey.id, type: 'discovering' });
      const s2 = store.stages.create({ journeyId: journey.id, type: 'solving' });
      store.stages.create({ journeyId: journey.id, type: 'building' });
      for (let i = 0; i < 3; i++)
        store.artifacts.create({ stageId: s1.id, type: 'document', title: `d${i}`, content: 'x' });
      store.artifacts.create({ stageId: s2.id, type: 'code', title: 'c', content: 'y' });

      const summary = store.journeys.findSummaryById(journey.id)!;
      assert.equal(summary.stageCount, 3);
      assert.equal(summary.artifactCount, 4);
      assert.equal(summary.input, 'Counting');
      assert.equal('stages' in summary, false);
      const emptySummary = store.journeys.findSummaryById(empty.id)!;
      assert.equal(emptySummary.stageCount, 0);
      assert.equal(emptySummary.artifactCount, 0);

      const listed = store.journeys.findAll().items.find((j) => j.id === journey.id)!;
      assert.equal(listed.stageCount, 3);
      assert.equal(listed.artifactCount, 4);
    });

    it('counts journeys in total and by status, with zero for unused statuses', () => {
      assert.equal(store.journeys.count(), 0);
      store.journeys.create({ input: 'a' });
      store.journeys.create({ input: 'b' });
      store.journeys.create({ input: 'c', status: 'complete' });
      store.journeys.create({ input: 'd', status: 'error' });
      assert.equal(store.journeys.count(), 4);
      assert.deepEqual(store.journeys.countByStatusMap(), {
        running: 2,
        paused: 0,
        stopped: 0,
        complete: 1,
        error: 1,
      });
    });
  });

  describe('update', () => {
    it('changes only the given fields and moves updatedAt forward', () => {
      const journey = store.journeys.create({ input: 'Before', settings: { model: 'a' } });
      const updated = store.journeys.update(journey.id, { status: 'complete' });
      assert.equal(updated.status, 'complete');
      assert.equal(updated.input, 'Before');
      assert.equal(updated.settings.model, 'a');
      assert.ok(updated.updatedAt > journey.updatedAt);
      assert.equal(updated.createdAt, journey.createdAt);
      assert.deepEqual(store.journeys.getById(journey.id), updated);

      const renamed = store.journeys.update(journey.id, { input: 'After', settings: { maxStages: 2 } });
      assert.equal(renamed.input, 'After');
      assert.equal(renamed.status, 'complete');
      assert.equal(renamed.settings.maxStages, 2);
      assert.equal(renamed.settings.model, 'a', 'settings are merged, not replaced');
      assert.deepEqual(store.journeys.getById(journey.id), renamed);
    });

    it('returns the journey unchanged for an empty update', () => {
      const journey = store.journeys.create({ input: 'Still' });
      const same = store.journeys.update(journey.id, {});
      assert.deepEqual(same, journey);
      assert.deepEqual(store.journeys.getById(journey.id), journey);
    });

    it('throws NOT_FOUND when updating a missing journey', () => {
      expectStoreError(
        () => store.journeys.update('journey_missing', { status: 'paused' }),
        'NOT_FOUND',
        /journey_missing/,
      );
    });

    it('refuses invalid changes and leaves the row as it was', () => {
      const journey = store.journeys.create({ input: 'Keep' });
      expectStoreError(() => store.journeys.update(journey.id, { input: ' ' }), 'INVALID_INPUT', /input/);
      expectStoreError(
        () => store.journeys.update(journey.id, { status: 'done' as never }),
        'INVALID_INPUT',
        /status/,
      );
      assert.deepEqual(store.journeys.getById(journey.id), journey);
    });
  });

  describe('delete', () => {
    it('reports the deletion impact, then deletes the journey with its stages and artifacts', () => {
      const journey = store.journeys.create({ input: 'Doomed' });
      const other = store.journeys.create({ input: 'Survivor' });
      const stage = store.stages.create({ journeyId: journey.id, type: 'chasing' });
      store.stages.create({ journeyId: journey.id, type: 'solving' });
      const artifact = store.artifacts.create({ stageId: stage.id, type: 'code', title: 't', content: 'c' });
      const kept = store.stages.create({ journeyId: other.id, type: 'solving' });

      assert.deepEqual(store.journeys.deletionImpact(journey.id), { stages: 2, artifacts: 1 });
      assert.deepEqual(store.journeys.deletionImpact('journey_missing'), { stages: 0, artifacts: 0 });

      assert.equal(store.journeys.delete(journey.id), true);
      assert.equal(store.journeys.findById(journey.id), undefined);
      assert.equal(store.stages.findById(stage.id), undefined);
      assert.equal(store.artifacts.findById(artifact.id), undefined);
      assert.deepEqual(store.stages.findByJourneyId(journey.id), []);
      assert.ok(store.stages.findById(kept.id));
      assert.equal(store.journeys.count(), 1);
    });

    it('returns false when deleting a journey that is not there', () => {
      assert.equal(store.journeys.delete('journey_missing'), false);
    });
  });

  describe('getWithStages', () => {
    it('returns stages in order, each with artifact summaries and no artifact content', () => {
      const journey = store.journeys.create({ input: 'Outline' });
      const first = store.stages.create({ journeyId: journey.id, type: 'discovering', createdAt: 10 });
      const second = store.stages.create({ journeyId: journey.id, type: 'solving', createdAt: 20 });
      const a1 = store.artifacts.create({
        stageId: first.id,
        type: 'document',
        title: 'Notes',
        content: 'héllo',
        metadata: { lang: 'fr' },
      });
      const a2 = store.artifacts.create({ stageId: first.id, type: 'code', title: 'Code', content: 'abc' });

      const outline = store.journeys.getWithStages(journey.id)!;
      assert.equal(outline.input, 'Outline');
      assert.deepEqual(
        outline.stages.map((s) => s.id),
        [first.id, second.id],
      );
      assert.deepEqual(
        outline.stages[0]!.artifacts.map((a) => a.id),
        [a1.id, a2.id],
      );
      assert.deepEqual(outline.stages[1]!.artifacts, []);
      const summary = outline.stages[0]!.artifacts[0]!;
      assert.equal('content' in summary, false);
      assert.equal(summary.contentBytes, 6);
      assert.deepEqual(summary.metadata, { lang: 'fr' });
    });

    it('returns undefined for a missing journey', () => {
      assert.equal(store.journeys.getWithStages('journey_missing'), undefined);
    });
  });

  describe('findAll paging', () => {
    /** 120 journeys in groups of 4 sharing a createdAt, statuses in rotation. */
    function seed120(): string[] {
      const statuses = ['running', 'paused', 'stopped', 'complete', 'error'] as const;
      const ids: string[] = [];
      store.transaction(() => {
        for (let i = 0; i < 120; i++) {
          ids.push(
            store.journeys.create({
              input: `journey ${i}`,
              createdAt: 1_700_000_000_000 + Math.floor(i / 4) * 1000,
              status: statuses[i % statuses.length]!,
            }).id,
          );
        }
      });
      return ids;
    }

    function pageThrough(options: Pick<JourneyListOptions, 'status'> = {}): string[] {
      const seen: string[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = store.journeys.findAll({ ...options, limit: 7, ...(after ? { after } : {}) });
        assert.ok(page.items.length <= 7);
        seen.push(...page.items.map((j) => j.id));
        if (!page.nextCursor) return seen;
        assert.equal(page.items.length, 7, 'only the last page may be short');
        after = page.nextCursor;
      }
      assert.fail('paging did not end');
    }

    it('lists every journey exactly once, newest first, across pages of 7 even with tied createdAt', () => {
      const ids = seed120();
      const seen = pageThrough();
      assert.equal(seen.length, 120);
      assert.equal(new Set(seen).size, 120);
      assert.deepEqual([...seen].sort(), [...ids].sort());

      const all = store.journeys.findAll({ limit: 1000 }).items;
      assert.deepEqual(
        seen,
        all.map((j) => j.id),
        'pages concatenate to the single-page order',
      );
      for (let i = 1; i < all.length; i++) {
        assert.ok(all[i - 1]!.createdAt >= all[i]!.createdAt, 'newest first');
      }
      // Ties are broken the same way every time.
      assert.deepEqual(pageThrough(), seen);
    });

    it('neither skips nor repeats a journey when new ones are added between pages', () => {
      const ids = seed120();
      const seen: string[] = [];
      let page = store.journeys.findAll({ limit: 7 });
      seen.push(...page.items.map((j) => j.id));
      while (page.nextCursor) {
        // Another program starts a journey while the list is being scrolled.
        store.journeys.create({ input: 'newer', createdAt: 1_800_000_000_000 });
        page = store.journeys.findAll({ limit: 7, after: page.nextCursor });
        seen.push(...page.items.map((j) => j.id));
      }
      assert.deepEqual([...seen].sort(), [...ids].sort());
    });

    it('has no cursor when everything fits on one page', () => {
      store.journeys.create({ input: 'only' });
      const page = store.journeys.findAll({ limit: 7 });
      assert.equal(page.items.length, 1);
      assert.equal(page.nextCursor, undefined);
    });

    it('filters by one status or a list of statuses, also across pages', () => {
      seed120();
      const complete = pageThrough({ status: 'complete' });
      assert.equal(complete.length, 24);
      for (const id of complete) assert.equal(store.journeys.getById(id).status, 'complete');

      const some = pageThrough({ status: ['paused', 'error'] });
      assert.equal(some.length, 48);
      assert.equal(new Set(some).size, 48);
      for (const id of some) assert.ok(['paused', 'error'].includes(store.journeys.getById(id).status));

      expectStoreError(
        () => store.journeys.findAll({ status: 'sleeping' as never }),
        'INVALID_INPUT',
        /status/,
      );
    });

    it('refuses a cursor it did not hand out', () => {
      seed120();
      for (const after of ['garbage', '', 'W10', Buffer.from('["x", 1]').toString('base64url')]) {
        expectStoreError(() => store.journeys.findAll({ after }), 'INVALID_INPUT', /cursor/);
      }
    });

    it('refuses a limit that is negative, fractional or not a number', () => {
      for (const limit of [-1, 1.5, 'x', Number.NaN, 1_000_000]) {
        expectStoreError(() => store.journeys.findAll({ limit: limit as number }), 'INVALID_INPUT', /limit/);
      }
    });
  });

  describe('unreadable settings written by another program', () => {
    it('lists and opens the journey with default settings, and check() warns about it', () => {
      const journey = store.journeys.create({ input: 'Broken settings', settings: { maxStages: 3 } });
      const fine = store.journeys.create({ input: 'Fine', settings: { maxStages: 5 } });
      store.stages.create({ journeyId: journey.id, type: 'solving' });
      rawExec(tmp.file(), `UPDATE journeys SET settings = '{oops' WHERE id = '${journey.id}'`);

      const listed = store.journeys.findAll().items;
      assert.equal(listed.length, 2);
      const broken = listed.find((j) => j.id === journey.id)!;
      assert.deepEqual(broken.settings, { ...DEFAULT_SETTINGS });
      assert.equal(listed.find((j) => j.id === fine.id)!.settings.maxStages, 5);
      assert.deepEqual(store.journeys.findById(journey.id)!.settings, { ...DEFAULT_SETTINGS });
      assert.equal(store.journeys.getWithStages(journey.id)!.stages.length, 1);

      const report = store.check();
      assert.equal(report.ok, true);
      assert.ok(
        report.warnings.some((w) => w.includes(journey.id) && /settings/.test(w)),
        JSON.stringify(report.warnings),
      );
    });

    it('treats valid JSON that is not an object as unreadable too', () => {
      const journey = store.journeys.create({ input: 'List settings' });
      rawExec(tmp.file(), `UPDATE journeys SET settings = '[1,2]'`);
      assert.deepEqual(store.journeys.getById(journey.id).settings, { ...DEFAULT_SETTINGS });
      assert.equal(store.check().warnings.length, 1);
    });

    it('can repair the settings with an update, after which check() has no warning', () => {
      const journey = store.journeys.create({ input: 'Repair me' });
      rawExec(tmp.file(), `UPDATE journeys SET settings = '{oops'`);
      store.journeys.update(journey.id, { settings: { maxStages: 4 } });
      assert.equal(store.journeys.getById(journey.id).settings.maxStages, 4);
      assert.deepEqual(store.check().warnings, []);
    });
  });

  describe('store.transaction', () => {
    it('commits everything written inside it and returns its value', () => {
      const id = store.transaction(() => {
        const j = store.journeys.create({ input: 'In a transaction' });
        store.stages.create({ journeyId: j.id, type: 'solving' });
        return j.id;
      });
      assert.equal(store.journeys.count(), 1);
      assert.equal(store.stages.findByJourneyId(id).length, 1);
    });

    it('writes nothing when the function throws, and passes the failure on', () => {
      const existing = store.journeys.create({ input: 'Before' });
      const boom = new Error('boom');
      assert.throws(
        () =>
          store.transaction(() => {
            const j = store.journeys.create({ input: 'Half-written' });
            store.stages.create({ journeyId: j.id, type: 'solving' });
            store.journeys.update(existing.id, { input: 'Changed' });
            throw boom;
          }),
        (error: unknown) => error === boom || (error instanceof StoreError && error.cause === boom),
      );
      assert.equal(store.journeys.count(), 1);
      assert.equal(store.journeys.getById(existing.id).input, 'Before');
      assert.equal(store.select('stages').all().length, 0);
    });

    it('rolls back when a store error is thrown part-way', () => {
      assert.throws(() =>
        store.transaction(() => {
          store.journeys.create({ input: 'First' });
          store.stages.create({ journeyId: 'journey_missing', type: 'solving' });
        }),
      );
      assert.equal(store.journeys.count(), 0);
    });

    it('undoes only the inner part when a nested transaction fails and the outer one carries on', () => {
      store.transaction(() => {
        store.journeys.create({ input: 'outer' });
        assert.throws(() =>
          store.transaction(() => {
            store.journeys.create({ input: 'inner' });
            throw new Error('inner fails');
          }),
        );
      });
      assert.deepEqual(
        store.journeys.findAll().items.map((j) => j.input),
        ['outer'],
      );
    });
  });
});
