import assert from 'node:assert/strict';
import { type Journey, type Store } from '../../src/store';
import { expectStoreError } from '../helpers/seedChecks';
import { TempDir } from '../helpers/tempStore';

describe('stages repository', () => {
  let tmp: TempDir;
  let store: Store;
  let journey: Journey;

  beforeEach(() => {
    tmp = new TempDir();
    store = tmp.open();
    journey = store.journeys.create({ input: 'Stage host' });
  });
  afterEach(() => tmp.dispose());

  describe('create', () => {
    it('creates a pending stage with empty prompt and result and no thinking by default', () => {
      const stage = store.stages.create({ journeyId: journey.id, type: 'discovering' });
      assert.match(stage.id, /^stage_[0-9a-z]+$/);
      assert.equal(stage.journeyId, journey.id);
      assert.equal(stage.type, 'discovering');
      assert.equal(stage.status, 'pending');
      assert.equal(stage.prompt, '');
      assert.equal(stage.result, '');
      assert.equal('thinking' in stage, false);
      assert.equal(stage.updatedAt, stage.createdAt);
      assert.deepEqual(store.stages.findById(stage.id), stage);
    });

    it('stores every given field and reads it back the same', () => {
      const stage = store.stages.create({
        id: 'stage_explicit',
        journeyId: journey.id,
        type: 'challenging',
        status: 'complete',
        prompt: 'Is it true?\nSecond line',
        result: 'Mostly — «yes» 🙂',
        thinking: 'Let me think…',
        createdAt: 5_000,
      });
      assert.deepEqual(store.stages.getById('stage_explicit'), stage);
      assert.equal(stage.thinking, 'Let me think…');
      assert.equal(stage.createdAt, 5_000);
    });

    it('throws NOT_FOUND when the journey does not exist, and writes nothing', () => {
      expectStoreError(
        () => store.stages.create({ journeyId: 'journey_missing', type: 'solving' }),
        'NOT_FOUND',
        /journey_missing/,
      );
      assert.equal(store.select('stages').all().length, 0);
    });

    it('refuses an unknown type or status, naming the field', () => {
      expectStoreError(
        () => store.stages.create({ journeyId: journey.id, type: 'flying' as never }),
        'INVALID_INPUT',
        /Stage type.*"flying"/,
      );
      expectStoreError(
        () => store.stages.create({ journeyId: journey.id, type: 'solving', status: 'done' as never }),
        'INVALID_INPUT',
        /Stage status/,
      );
      expectStoreError(
        () => store.stages.create({ journeyId: journey.id, type: 'solving', prompt: 7 as never }),
        'INVALID_INPUT',
        /prompt/,
      );
      expectStoreError(
        () => store.stages.create({ journeyId: '', type: 'solving' }),
        'INVALID_INPUT',
        /journeyId/,
      );
      assert.equal(store.select('stages').all().length, 0);
    });
  });

  describe('find and list', () => {
    it('returns undefined from findById and NOT_FOUND from getById for a missing stage', () => {
      assert.equal(store.stages.findById('stage_missing'), undefined);
      expectStoreError(() => store.stages.getById('stage_missing'), 'NOT_FOUND', /stage_missing/);
    });

    it('lists a journey’s stages by createdAt, keeping insertion order when createdAt ties', () => {
      // Ids chosen to sort against insertion order, so only the insertion sequence can explain the result.
      const late = store.stages.create({
        id: 'stage_a_late',
        journeyId: journey.id,
        type: 'building',
        createdAt: 300,
      });
      const tieFirst = store.stages.create({
        id: 'stage_z',
        journeyId: journey.id,
        type: 'solving',
        createdAt: 200,
      });
      const tieSecond = store.stages.create({
        id: 'stage_m',
        journeyId: journey.id,
        type: 'chasing',
        createdAt: 200,
      });
      const tieThird = store.stages.create({
        id: 'stage_b',
        journeyId: journey.id,
        type: 'imagining',
        createdAt: 200,
      });
      const early = store.stages.create({
        id: 'stage_y',
        journeyId: journey.id,
        type: 'discovering',
        createdAt: 100,
      });
      const other = store.journeys.create({ input: 'Other' });
      store.stages.create({ journeyId: other.id, type: 'solving', createdAt: 150 });

      const expected = [early.id, tieFirst.id, tieSecond.id, tieThird.id, late.id];
      assert.deepEqual(
        store.stages.findByJourneyId(journey.id).map((s) => s.id),
        expected,
      );
      assert.deepEqual(
        store.stages.listSummaries(journey.id).map((s) => s.id),
        expected,
      );
      assert.deepEqual(
        store.journeys.getWithStages(journey.id)!.stages.map((s) => s.id),
        expected,
      );
      assert.deepEqual(store.stages.findByJourneyId('journey_missing'), []);
    });

    it('summarises stages with the first prompt line, at most 200 characters, and artifact counts', () => {
      const long = store.stages.create({
        journeyId: journey.id,
        type: 'solving',
        prompt: 'x'.repeat(500),
        result: 'big result',
        thinking: 'deep thought',
        createdAt: 1,
      });
      store.stages.create({
        journeyId: journey.id,
        type: 'questioning',
        prompt: '\n  What next?\r\nDetails follow',
        createdAt: 2,
      });
      for (let i = 0; i < 3; i++) {
        store.artifacts.create({ stageId: long.id, type: 'document', title: `t${i}`, content: 'c' });
      }

      const [a, b] = store.stages.listSummaries(journey.id);
      assert.equal(a!.id, long.id);
      assert.equal(a!.artifactCount, 3);
      assert.equal(a!.promptPreview.length, 200);
      assert.ok(a!.promptPreview.endsWith('…'));
      assert.equal(b!.promptPreview, 'What next?');
      assert.equal(b!.artifactCount, 0);
      for (const summary of [a!, b!]) {
        assert.equal('prompt' in summary, false);
        assert.equal('result' in summary, false);
        assert.equal('thinking' in summary, false);
      }
      assert.equal(b!.type, 'questioning');
      assert.equal(b!.status, 'pending');
      assert.equal(b!.journeyId, journey.id);
    });
  });

  describe('update', () => {
    it('changes only the given fields and moves updatedAt forward', () => {
      const stage = store.stages.create({
        journeyId: journey.id,
        type: 'solving',
        prompt: 'p',
        thinking: 'hmm',
      });
      const running = store.stages.update(stage.id, { status: 'running' });
      assert.equal(running.status, 'running');
      assert.equal(running.prompt, 'p');
      assert.equal(running.thinking, 'hmm');
      assert.ok(running.updatedAt > stage.updatedAt);
      assert.equal(running.createdAt, stage.createdAt);

      const done = store.stages.update(stage.id, { status: 'complete', result: 'answer', prompt: '' });
      assert.equal(done.result, 'answer');
      assert.equal(done.prompt, '');
      assert.ok(done.updatedAt > running.updatedAt);
      assert.deepEqual(store.stages.getById(stage.id), done);
    });

    it('clears thinking when it is set to null', () => {
      const stage = store.stages.create({ journeyId: journey.id, type: 'solving', thinking: 'hmm' });
      const cleared = store.stages.update(stage.id, { thinking: null });
      assert.equal('thinking' in cleared, false);
      assert.equal('thinking' in store.stages.getById(stage.id), false);
      assert.equal(store.select('stages').where('id', '=', stage.id).all()[0]!.thinking, null);
    });

    it('returns the stage unchanged for an empty update instead of failing on SQL (seed defect 5)', () => {
      const stage = store.stages.create({ journeyId: journey.id, type: 'solving', prompt: 'same' });
      const same = store.stages.update(stage.id, {});
      assert.deepEqual(same, stage);
      assert.deepEqual(store.stages.getById(stage.id), stage);
      const alsoSame = store.stages.update(stage.id, { prompt: undefined });
      assert.deepEqual(alsoSame, stage);
    });

    it('throws NOT_FOUND when updating a missing stage, for empty and non-empty changes', () => {
      expectStoreError(() => store.stages.update('stage_missing', {}), 'NOT_FOUND', /stage_missing/);
      expectStoreError(
        () => store.stages.update('stage_missing', { status: 'complete' }),
        'NOT_FOUND',
        /stage_missing/,
      );
    });

    it('refuses an unknown status and leaves the row as it was', () => {
      const stage = store.stages.create({ journeyId: journey.id, type: 'solving' });
      expectStoreError(
        () => store.stages.update(stage.id, { status: 'finished' as never }),
        'INVALID_INPUT',
        /Stage status/,
      );
      assert.deepEqual(store.stages.getById(stage.id), stage);
    });
  });

  describe('delete', () => {
    it('deletes the stage with its artifacts and leaves its siblings', () => {
      const doomed = store.stages.create({ journeyId: journey.id, type: 'solving' });
      const sibling = store.stages.create({ journeyId: journey.id, type: 'building' });
      const artifact = store.artifacts.create({ stageId: doomed.id, type: 'code', title: 't', content: 'c' });
      const kept = store.artifacts.create({ stageId: sibling.id, type: 'code', title: 't', content: 'c' });

      assert.equal(store.stages.delete(doomed.id), true);
      assert.equal(store.stages.findById(doomed.id), undefined);
      assert.equal(store.artifacts.findById(artifact.id), undefined);
      assert.ok(store.artifacts.findById(kept.id));
      assert.deepEqual(
        store.stages.findByJourneyId(journey.id).map((s) => s.id),
        [sibling.id],
      );
      assert.equal(store.journeys.findSummaryById(journey.id)!.artifactCount, 1);
    });

    it('returns false when deleting a stage that is not there', () => {
      assert.equal(store.stages.delete('stage_missing'), false);
    });
  });
});
