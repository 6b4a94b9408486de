import assert from 'node:assert/strict';
import { type Journey, type Stage, type Store } from '../../src/store';
import { expectStoreError, rawExec } from '../helpers/seedChecks';
import { TempDir } from '../helpers/tempStore';

describe('artifacts repository', () => {
  let tmp: TempDir;
  let store: Store;
  let journey: Journey;
  let stage: Stage;

  beforeEach(() => {
    tmp = new TempDir();
    store = tmp.open();
    journey = store.journeys.create({ input: 'How should clients retry?' });
    stage = store.stages.create({ journeyId: journey.id, type: 'solving' });
  });
  afterEach(() => tmp.dispose());

  describe('create, find and get', () => {
    it('creates an artifact with empty metadata by default and reads it back', () => {
      const artifact = store.artifacts.create({
        stageId: stage.id,
        type: 'document',
        title: 'Retry policy',
        content: '# Retry\nBack off exponentially.',
      });
      assert.match(artifact.id, /^artifact_[0-9a-z]+$/);
      assert.deepEqual(artifact.metadata, {});
      assert.equal(artifact.stageId, stage.id);
      assert.equal(artifact.updatedAt, artifact.createdAt);
      assert.deepEqual(store.artifacts.findById(artifact.id), artifact);
      assert.deepEqual(store.artifacts.getById(artifact.id), artifact);
    });

    it('keeps nested metadata, explicit id and createdAt, and empty content', () => {
      const artifact = store.artifacts.create({
        id: 'artifact_explicit',
        stageId: stage.id,
        type: 'mindmap',
        title: 'Map',
        content: '',
        metadata: { nodes: [{ id: 1, label: 'ünïcode' }], layout: { dir: 'LR' }, n: 3.5, ok: false },
        createdAt: 42,
      });
      const found = store.artifacts.getById('artifact_explicit');
      assert.deepEqual(found, artifact);
      assert.equal(found.content, '');
      assert.equal(found.createdAt, 42);
      assert.deepEqual(found.metadata, {
        nodes: [{ id: 1, label: 'ünïcode' }],
        layout: { dir: 'LR' },
        n: 3.5,
        ok: false,
      });
    });

    it('returns undefined from the finders and NOT_FOUND from getById for a missing artifact', () => {
      assert.equal(store.artifacts.findById('artifact_missing'), undefined);
      assert.equal(store.artifacts.findSummaryById('artifact_missing'), undefined);
      assert.equal(store.artifacts.locate('artifact_missing'), undefined);
      expectStoreError(() => store.artifacts.getById('artifact_missing'), 'NOT_FOUND', /artifact_missing/);
    });

    it('throws NOT_FOUND when the stage does not exist, and writes nothing', () => {
      expectStoreError(
        () => store.artifacts.create({ stageId: 'stage_missing', type: 'code', title: 't', content: 'c' }),
        'NOT_FOUND',
        /stage_missing/,
      );
      assert.equal(store.select('artifacts').all().length, 0);
    });
  });

  describe('validation', () => {
    it('refuses an unknown type, an empty title, non-text content and non-object metadata, naming the field', () => {
      const base = { stageId: stage.id, type: 'code' as const, title: 'T', content: 'c' };
      expectStoreError(
        () => store.artifacts.create({ ...base, type: 'spreadsheet' as never }),
        'INVALID_INPUT',
        /Artifact type.*"spreadsheet"/,
      );
      expectStoreError(() => store.artifacts.create({ ...base, title: '  ' }), 'INVALID_INPUT', /title/);
      expectStoreError(
        () => store.artifacts.create({ ...base, content: null as never }),
        'INVALID_INPUT',
        /content/,
      );
      for (const metadata of [[], 'text', 5, null]) {
        expectStoreError(
          () => store.artifacts.create({ ...base, metadata: metadata as never }),
          'INVALID_INPUT',
          /metadata must be an object/,
        );
      }
      expectStoreError(
        () => store.artifacts.create({ ...base, metadata: { n: 10n } }),
        'INVALID_INPUT',
        /metadata/,
      );
      assert.equal(store.select('artifacts').all().length, 0);
    });
  });

  describe('summaries, counts and location', () => {
    it('reports content size in UTF-8 bytes without returning the content', () => {
      const content = 'héllo wörld 🙂 重试';
      const artifact = store.artifacts.create({
        stageId: stage.id,
        type: 'document',
        title: 'Intl',
        content,
      });
      const summary = store.artifacts.findSummaryById(artifact.id)!;
      assert.equal(summary.contentBytes, Buffer.byteLength(content, 'utf8'));
      assert.notEqual(summary.contentBytes, content.length);
      assert.equal('content' in summary, false);
      assert.equal(summary.title, 'Intl');
      assert.equal(summary.stageId, stage.id);

      const listed = store.artifacts.listSummaries(stage.id);
      assert.deepEqual(listed, [summary]);
      const inOutline = store.journeys.getWithStages(journey.id)!.stages[0]!.artifacts[0]!;
      assert.deepEqual(inOutline, summary);
    });

    it('keeps insertion order when createdAt ties, in every listing', () => {
      const ids = ['artifact_z', 'artifact_a', 'artifact_m'];
      for (const id of ids) {
        store.artifacts.create({ id, stageId: stage.id, type: 'code', title: id, content: '', createdAt: 7 });
      }
      const earlier = store.artifacts.create({
        id: 'artifact_y',
        stageId: stage.id,
        type: 'code',
        title: 'earlier',
        content: '',
        createdAt: 1,
      });
      const expected = [earlier.id, ...ids];
      assert.deepEqual(
        store.artifacts.findByStageId(stage.id).map((a) => a.id),
        expected,
      );
      assert.deepEqual(
        store.artifacts.listSummaries(stage.id).map((a) => a.id),
        expected,
      );
      assert.deepEqual(
        store.journeys.getWithStages(journey.id)!.stages[0]!.artifacts.map((a) => a.id),
        expected,
      );
      assert.deepEqual(store.artifacts.findByStageId('stage_missing'), []);
      assert.equal(store.stages.listSummaries(journey.id)[0]!.artifactCount, 4);
    });

    it('locates an artifact’s stage and journey for labels', () => {
      const artifact = store.artifacts.create({ stageId: stage.id, type: 'code', title: 't', content: 'c' });
      assert.deepEqual(store.artifacts.locate(artifact.id), {
        artifactId: artifact.id,
        stageId: stage.id,
        journeyId: journey.id,
        stageType: 'solving',
        journeyInput: 'How should clients retry?',
      });
    });
  });

  describe('update', () => {
    it('changes only the given fields and moves updatedAt forward', () => {
      const artifact = store.artifacts.create({
        stageId: stage.id,
        type: 'document',
        title: 'Draft',
        content: 'v1',
        metadata: { a: 1 },
      });
      const retitled = store.artifacts.update(artifact.id, { title: 'Final' });
      assert.equal(retitled.title, 'Final');
      assert.equal(retitled.content, 'v1');
      assert.deepEqual(retitled.metadata, { a: 1 });
      assert.ok(retitled.updatedAt > artifact.updatedAt);

      const rewritten = store.artifacts.update(artifact.id, {
        content: 'v2 — ünïcode',
        type: 'code',
        metadata: { b: 2 },
      });
      assert.equal(rewritten.content, 'v2 — ünïcode');
      assert.equal(rewritten.type, 'code');
      assert.deepEqual(rewritten.metadata, { b: 2 }, 'metadata is replaced, not merged');
      assert.equal(rewritten.title, 'Final');
      assert.deepEqual(store.artifacts.getById(artifact.id), rewritten);
      assert.equal(
        store.artifacts.findSummaryById(artifact.id)!.contentBytes,
        Buffer.byteLength('v2 — ünïcode'),
      );
    });

    it('returns the artifact unchanged for an empty update', () => {
      const artifact = store.artifacts.create({ stageId: stage.id, type: 'code', title: 't', content: 'c' });
      assert.deepEqual(store.artifacts.update(artifact.id, {}), artifact);
      assert.deepEqual(store.artifacts.getById(artifact.id), artifact);
    });

    it('saves when expectedUpdatedAt matches and refuses with CONFLICT when it was changed elsewhere', () => {
      const artifact = store.artifacts.create({
        stageId: stage.id,
        type: 'code',
        title: 'Shared',
        content: 'v1',
      });
      // Editor A and editor B both opened v1; A saves first.
      const savedByA = store.artifacts.update(
        artifact.id,
        { content: 'from A' },
        { expectedUpdatedAt: artifact.updatedAt },
      );
      assert.equal(savedByA.content, 'from A');
      const error = expectStoreError(
        () =>
          store.artifacts.update(
            artifact.id,
            { content: 'from B' },
            { expectedUpdatedAt: artifact.updatedAt },
          ),
        'CONFLICT',
        /Shared/,
      );
      assert.match(error.message, /reload/);
      assert.equal(store.artifacts.getById(artifact.id).content, 'from A');
      // B reloads and saves against the new version.
      const savedByB = store.artifacts.update(
        artifact.id,
        { content: 'from B' },
        { expectedUpdatedAt: savedByA.updatedAt },
      );
      assert.equal(store.artifacts.getById(artifact.id).content, 'from B');
      assert.ok(savedByB.updatedAt > savedByA.updatedAt);
    });

    it('throws NOT_FOUND when updating a missing artifact', () => {
      expectStoreError(
        () => store.artifacts.update('artifact_missing', { title: 'x' }),
        'NOT_FOUND',
        /artifact_missing/,
      );
      expectStoreError(() => store.artifacts.update('artifact_missing', {}), 'NOT_FOUND');
    });

    it('refuses invalid changes and leaves the row as it was', () => {
      const artifact = store.artifacts.create({ stageId: stage.id, type: 'code', title: 't', content: 'c' });
      expectStoreError(() => store.artifacts.update(artifact.id, { title: '' }), 'INVALID_INPUT', /title/);
      expectStoreError(
        () => store.artifacts.update(artifact.id, { type: 'pdf' as never }),
        'INVALID_INPUT',
        /Artifact type/,
      );
      expectStoreError(
        () => store.artifacts.update(artifact.id, { metadata: [1] as never }),
        'INVALID_INPUT',
        /metadata/,
      );
      assert.deepEqual(store.artifacts.getById(artifact.id), artifact);
    });
  });

  describe('delete', () => {
    it('deletes one artifact and leaves its siblings', () => {
      const doomed = store.artifacts.create({ stageId: stage.id, type: 'code', title: 'a', content: 'c' });
      const kept = store.artifacts.create({ stageId: stage.id, type: 'code', title: 'b', content: 'c' });
      assert.equal(store.artifacts.delete(doomed.id), true);
      assert.equal(store.artifacts.findById(doomed.id), undefined);
      assert.deepEqual(
        store.artifacts.findByStageId(stage.id).map((a) => a.id),
        [kept.id],
      );
      assert.equal(store.artifacts.delete(doomed.id), false);
    });
  });

  describe('unreadable metadata written by another program', () => {
    it('shows the artifact with empty metadata everywhere, and check() warns about it', () => {
      const broken = store.artifacts.create({
        stageId: stage.id,
        type: 'document',
        title: 'Broken',
        content: 'body',
        metadata: { a: 1 },
      });
      const notObject = store.artifacts.create({
        stageId: stage.id,
        type: 'code',
        title: 'List',
        content: 'x',
      });
      const fine = store.artifacts.create({
        stageId: stage.id,
        type: 'code',
        title: 'Fine',
        content: 'y',
        metadata: { ok: true },
      });
      rawExec(
        tmp.file(),
        `UPDATE artifacts SET metadata = '{oops' WHERE id = '${broken.id}';
         UPDATE artifacts SET metadata = '42' WHERE id = '${notObject.id}';`,
      );

      const all = store.artifacts.findByStageId(stage.id);
      assert.equal(all.length, 3);
      assert.deepEqual(all[0]!.metadata, {});
      assert.deepEqual(all[1]!.metadata, {});
      assert.deepEqual(all[2]!.metadata, { ok: true });
      assert.equal(all[0]!.content, 'body');
      assert.deepEqual(store.artifacts.findById(broken.id)!.metadata, {});
      assert.deepEqual(store.artifacts.findSummaryById(broken.id)!.metadata, {});
      assert.deepEqual(
        store.artifacts.listSummaries(stage.id).map((a) => a.metadata),
        [{}, {}, { ok: true }],
      );
      const outline = store.journeys.getWithStages(journey.id)!;
      assert.deepEqual(outline.stages[0]!.artifacts[0]!.metadata, {});
      assert.equal(store.journeys.findAll().items[0]!.artifactCount, 3);
      assert.equal(store.search('body').hits.length, 1);

      const report = store.check();
      assert.equal(report.ok, true);
      const warning = report.warnings.find((w) => /metadata/.test(w));
      assert.ok(warning, JSON.stringify(report.warnings));
      assert.match(warning, /^2 artifact/);
      assert.ok(warning.includes(broken.id) && warning.includes(notObject.id));
      assert.ok(!warning.includes(fine.id));

      store.artifacts.update(broken.id, { metadata: { repaired: true } });
      assert.deepEqual(store.artifacts.getById(broken.id).metadata, { repaired: true });
    });

    it('reads a NULL metadata column (older rows) as empty metadata without a warning', () => {
      const artifact = store.artifacts.create({
        stageId: stage.id,
        type: 'code',
        title: 'Old',
        content: 'x',
      });
      rawExec(tmp.file(), 'UPDATE artifacts SET metadata = NULL');
      assert.deepEqual(store.artifacts.getById(artifact.id).metadata, {});
      assert.deepEqual(store.check().warnings, []);
    });
  });
});
