import assert from 'node:assert/strict';
import { openStore, type Store } from '../../src/store';
import {
  assertFtsSound,
  assertSentence,
  expectStoreError,
  fileState,
  ftsProblem,
  snapshot,
  withRaw,
  type Row,
  type Snapshot,
} from '../helpers/seedChecks';
import {
  SeedDatabase,
  type SeedArtifact,
  type SeedJourney,
  type SeedOrigin,
  type SeedStage,
} from '../helpers/seedDatabase';
import { TempDir } from '../helpers/tempStore';

interface SeedCorpus {
  journeys: SeedJourney[];
  stages: SeedStage[];
  artifacts: SeedArtifact[];
}

/** What a user of the seed's desktop app would have: journeys with worked stages and their artifacts. */
function fillLikeTheSeedApp(seed: SeedDatabase, journeys = 3): SeedCorpus {
  const corpus: SeedCorpus = { journeys: [], stages: [], artifacts: [] };
  for (let j = 0; j < journeys; j++) {
    const journey = seed.createJourney(`How do kelp forests store carbon? (${j})`, {
      maxStages: 5 + j,
      autoAdvance: j % 2 === 0,
    });
    corpus.journeys.push(journey);
    for (let s = 0; s < 2; s++) {
      const stage = seed.createStage(journey.id, s === 0 ? 'discovering' : 'questioning');
      seed.updateStage(stage.id, {
        status: 'complete',
        prompt: `Look into stageword${j}x${s}`,
        result: `Found that kelp grows fast (${j}.${s}).`,
        ...(s === 1 ? { thinking: `Weighing sources ${j}.${s}` } : {}),
      });
      corpus.stages.push(stage);
      for (let a = 0; a < 3; a++) {
        corpus.artifacts.push(
          seed.createArtifact({
            stageId: stage.id,
            type: a === 2 ? 'mindmap' : 'document',
            title: `Kelp note ${j}.${s}.${a}`,
            content: `Notes mentioning seedword${j}x${s}x${a} and carbon sequestration.`,
            metadata: { source: 'seed', tags: ['kelp', String(a)], nested: { depth: a } },
          }),
        );
      }
    }
    if (j === 0) seed.updateJourneyStatus(journey.id, 'complete');
  }
  return corpus;
}

/** The rows that belong to a journey: what adoption must keep, unchanged. */
function belongingRows(all: Snapshot): Snapshot {
  const journeyIds = new Set(all.journeys.map((r) => r.id));
  const stages = all.stages.filter((r) => journeyIds.has(r.journey_id));
  const stageIds = new Set(stages.map((r) => r.id));
  return { journeys: all.journeys, stages, artifacts: all.artifacts.filter((r) => stageIds.has(r.stage_id)) };
}

function artifactIds(store: Store, query: string): string[] {
  return store
    .search(query, { kinds: ['artifact'] })
    .hits.map((h) => (h.kind === 'artifact' ? h.artifactId : ''))
    .sort();
}

function ids(rows: readonly Row[]): string[] {
  return rows.map((r) => String(r.id));
}

for (const origin of ['initializeSchema', 'runMigrations'] as const satisfies readonly SeedOrigin[]) {
  describe(`adopting a database made by the seed's ${origin}()`, () => {
    let tmp: TempDir;

    beforeEach(() => {
      tmp = new TempDir();
    });
    afterEach(() => tmp.dispose());

    it('keeps every row that belongs to a journey, removes orphans and repairs a corrupt search index', () => {
      const path = tmp.file();
      const seed = new SeedDatabase(path, origin);
      const corpus = fillLikeTheSeedApp(seed);
      const [a0, a1, a2] = corpus.artifacts;
      // Journey 2's first artifacts (each journey has 2 stages × 3 artifacts).
      const [a12, a13] = corpus.artifacts.slice(12);

      // Through the seed's own triggers: an edit and deletes leave the index stale, and a new artifact reuses
      // the rowid of the deleted last one.
      seed.updateArtifact(a1!.id, 'Kelp note, revised', 'Rewritten to mention freshword only.');
      seed.deleteArtifact(a2!.id);
      const last = corpus.artifacts[corpus.artifacts.length - 1]!;
      seed.deleteArtifact(last.id);
      const late = seed.createArtifact({
        stageId: last.stageId,
        type: 'code',
        title: 'Late addition',
        content: 'Contains lateword.',
        metadata: { lines: 3 },
      });

      // The seed's index is broken: the check fails, search returns rows that do not contain the word, and
      // asking for a snippet of a deleted artifact fails outright.
      assert.equal(ftsProblem(seed.db, 'artifacts_fts'), 'SQLITE_CORRUPT_VTAB');
      assert.deepEqual(
        seed.search('seedword0x0x1'),
        [a1!.id],
        'the edited artifact is still found by its old text',
      );
      assert.deepEqual(
        seed.search('seedword2x1x2'),
        [late.id],
        'the deleted artifact’s text now finds another one',
      );
      assert.throws(
        () =>
          seed.db
            .prepare(
              `SELECT snippet(artifacts_fts, 1, '[', ']', '…', 8) FROM artifacts_fts WHERE artifacts_fts MATCH ?`,
            )
            .all('seedword0x0x2'),
        (error: { code?: string }) => error.code === 'SQLITE_CORRUPT_VTAB',
      );

      // A journey deleted where foreign keys were off leaves its stages and artifacts behind.
      const doomed = corpus.journeys[1]!;
      seed.deleteJourneyWithoutCascade(doomed.id);
      const before = snapshot(seed.db);
      seed.close();
      const expected = belongingRows(before);
      const orphanStages = before.stages.length - expected.stages.length;
      const orphanArtifacts = before.artifacts.length - expected.artifacts.length;
      assert.equal(orphanStages, 2);
      assert.equal(orphanArtifacts, 6);

      const log: string[] = [];
      const store = tmp.open(undefined, { log: (line) => log.push(line) });

      const adoption = store.openReport?.adoption;
      assert.ok(adoption, 'the open report says the database was adopted');
      assert.equal(adoption.origin, origin);
      assert.equal(adoption.orphanStagesRemoved, orphanStages);
      assert.equal(adoption.orphanArtifactsRemoved, orphanArtifacts);
      assert.equal(adoption.ftsWasCorrupt, true);
      assert.deepEqual(adoption.kept, {
        journeys: expected.journeys.length,
        stages: expected.stages.length,
        artifacts: expected.artifacts.length,
      });
      assert.ok(adoption.actions.some((a) => /corrupt/i.test(a)));
      assert.ok(adoption.actions.some((a) => /2 stage\(s\) and 6 artifact\(s\)/.test(a)));
      for (const action of adoption.actions) assertSentence(action);
      assert.ok(log.some((line) => /Adopted/.test(line)));
      assert.equal(store.schemaVersion(), 2);

      // Every row that belongs to a journey, byte for byte; no orphans.
      const after = withRaw(path, snapshot);
      assert.deepEqual(after, expected);
      assert.ok(
        !ids(after.stages).some((id) => corpus.stages.some((s) => s.id === id && s.journeyId === doomed.id)),
      );

      // And through the store's API, with the seed's JSON intact (including keys this version does not know).
      for (const journey of corpus.journeys.filter((j) => j.id !== doomed.id)) {
        const read = store.journeys.getById(journey.id);
        assert.deepEqual(read.settings, journey.settings);
        assert.equal(read.input, journey.input);
        assert.equal(read.createdAt, journey.createdAt);
      }
      assert.equal(store.journeys.findById(doomed.id), undefined);
      const stage = store.stages.getById(corpus.stages[1]!.id);
      assert.equal(stage.prompt, 'Look into stageword0x1');
      assert.equal(stage.thinking, 'Weighing sources 0.1');
      assert.equal(stage.updatedAt, stage.createdAt);
      assert.deepEqual(store.artifacts.getById(a0!.id).metadata, a0!.metadata);
      assert.equal(store.artifacts.getById(a1!.id).content, 'Rewritten to mention freshword only.');
      assert.equal(store.artifacts.getById(late.id).title, 'Late addition');

      // Search finds exactly the right rows now.
      assert.deepEqual(artifactIds(store, 'freshword'), [a1!.id]);
      assert.deepEqual(artifactIds(store, 'seedword0x0x1'), [], 'old text of the edited artifact');
      assert.deepEqual(artifactIds(store, 'seedword0x0x2'), [], 'the deleted artifact');
      assert.deepEqual(artifactIds(store, 'seedword2x1x2'), [], 'the deleted last artifact');
      assert.deepEqual(artifactIds(store, 'lateword'), [late.id]);
      assert.deepEqual(artifactIds(store, 'seedword1x0x0'), [], 'an orphan of the deleted journey');
      assert.deepEqual(artifactIds(store, 'seedword0x0x0'), [a0!.id]);
      assert.deepEqual(artifactIds(store, 'seedword2x0x0'), [a12!.id]);
      assert.deepEqual(artifactIds(store, 'seedword2x0x1'), [a13!.id]);
      const hit = store.search('seedword2x0x1').hits[0];
      assert.equal(hit?.kind === 'artifact' && hit.title, 'Kelp note 2.0.1');
      assert.deepEqual(
        store.search('stageword2x1', { kinds: ['stage'] }).hits.map((h) => h.stageId),
        [corpus.stages[5]!.id],
      );
      assert.deepEqual(store.check(), { ok: true, problems: [], warnings: [] });
      store.close();
      assertFtsSound(path);

      const again = tmp.open();
      assert.equal(again.openReport?.adoption, undefined, 'adoption happens once');
      assert.equal(again.journeys.count(), 2);
    });

    it('keeps every row of a healthy seed database', () => {
      const path = tmp.file();
      const seed = new SeedDatabase(path, origin);
      const corpus = fillLikeTheSeedApp(seed, 2);
      assert.equal(ftsProblem(seed.db, 'artifacts_fts'), undefined);
      const before = snapshot(seed.db);
      seed.close();

      const store = tmp.open();
      const adoption = store.openReport?.adoption;
      assert.ok(adoption);
      assert.equal(adoption.origin, origin);
      assert.equal(adoption.ftsWasCorrupt, false);
      assert.equal(adoption.orphanStagesRemoved, 0);
      assert.equal(adoption.orphanArtifactsRemoved, 0);
      assert.deepEqual(adoption.kept, { journeys: 2, stages: 4, artifacts: 12 });
      assert.deepEqual(withRaw(path, snapshot), before);
      for (const artifact of corpus.artifacts) {
        const word = /seedword\S+/.exec(artifact.content)![0];
        assert.deepEqual(artifactIds(store, word), [artifact.id]);
      }
      assert.equal(store.check().ok, true);
    });
  });
}

describe('adopting a seed database that cannot be adopted', () => {
  let tmp: TempDir;

  beforeEach(() => {
    tmp = new TempDir();
  });
  afterEach(() => tmp.dispose());

  /** A seed database damaged by hand, fully checkpointed so the .db file alone holds everything. */
  function damagedSeed(damage: string): string {
    const path = tmp.file();
    const seed = new SeedDatabase(path, 'initializeSchema');
    fillLikeTheSeedApp(seed, 2);
    seed.db.pragma('foreign_keys = OFF');
    seed.db.exec(damage);
    seed.close();
    return path;
  }

  it('leaves the file unchanged and says why when the stages table is missing', () => {
    const path = damagedSeed('DROP TABLE stages;');
    const before = fileState(path);
    assert.equal(before.wal, false);

    const error = expectStoreError(() => openStore(path), 'SCHEMA_MISMATCH', /"stages"/);
    assertSentence(error.message);
    assert.match(error.message, /not changed/);
    assert.deepEqual(fileState(path), before);
  });

  it('leaves the file unchanged when a table lacks a column the seed had', () => {
    const path = damagedSeed('ALTER TABLE artifacts DROP COLUMN metadata;');
    const before = fileState(path);

    expectStoreError(() => openStore(path), 'SCHEMA_MISMATCH', /metadata/);
    assert.deepEqual(fileState(path), before);
  });
});
