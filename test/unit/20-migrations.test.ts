import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LATEST_VERSION, migrateDatabase, openStore, StoreError, type Store } from '../../src/store';
import {
  assertFtsSound,
  assertSentence,
  expectStoreError,
  fileState,
  ftsProblem,
  hasTable,
  schemaVersionOf,
  snapshot,
  withRaw,
} from '../helpers/seedChecks';
import { TempDir } from '../helpers/tempStore';

interface Corpus {
  journeyIds: string[];
  /** A word found only in this artifact, with the artifact's id and title. */
  artifactWords: Array<{ word: string; id: string; title: string }>;
  stageWords: Array<{ word: string; id: string }>;
}

/** Three journeys with stages and artifacts, one artifact deleted so the rowids have a gap. */
function populate(store: Store): Corpus {
  const corpus: Corpus = { journeyIds: [], artifactWords: [], stageWords: [] };
  for (let j = 0; j < 3; j++) {
    const journey = store.journeys.create({
      input: `Journey ${j} about tidal energy`,
      status: j === 0 ? 'complete' : 'running',
      settings: { maxStages: 4 + j, custom: { nested: [j, 'x'] } },
    });
    corpus.journeyIds.push(journey.id);
    for (let s = 0; s < 2; s++) {
      const stage = store.stages.create({
        journeyId: journey.id,
        type: s === 0 ? 'discovering' : 'solving',
        status: 'complete',
        prompt: `Prompt stagew${j}x${s}`,
        result: `Result for stage ${j}.${s}`,
        ...(s === 1 ? { thinking: `Thinking ${j}.${s}` } : {}),
      });
      corpus.stageWords.push({ word: `stagew${j}x${s}`, id: stage.id });
      for (let a = 0; a < 3; a++) {
        const word = `artw${j}x${s}x${a}`;
        const artifact = store.artifacts.create({
          stageId: stage.id,
          type: a === 0 ? 'code' : 'document',
          title: `Artifact ${j}.${s}.${a}`,
          content: `Body with ${word} and <b>markup</b> ünïcödé`,
          metadata: { language: 'ts', n: a },
        });
        corpus.artifactWords.push({ word, id: artifact.id, title: artifact.title });
      }
    }
  }
  // A gap in the middle of the rowids, which the down and up migrations must carry over.
  const gone = corpus.artifactWords.splice(4, 1)[0]!;
  assert.equal(store.artifacts.delete(gone.id), true);
  return corpus;
}

function rowidsByArtifactId(db: Database.Database, column: 'rowid' | 'seq'): Record<string, number> {
  const rows = db.prepare(`SELECT id, ${column} AS r FROM artifacts`).all() as { id: string; r: number }[];
  return Object.fromEntries(rows.map((r) => [r.id, r.r]));
}

function migrationRows(path: string): Array<{ version: number; name: string }> {
  return withRaw(
    path,
    (db) =>
      db.prepare('SELECT version, name FROM migrations ORDER BY version').all() as Array<{
        version: number;
        name: string;
      }>,
  );
}

/** A database at `version` in rollback-journal mode, so any write (even a switch to WAL) changes its bytes. */
function makeDatabaseWithHistory(tmp: TempDir, rows: Array<[number, string]>): string {
  const path = tmp.file('history.db');
  const store = openStore(path);
  store.journeys.create({ input: 'A journey that must survive' });
  store.close();
  withRaw(path, (db) => {
    db.pragma('journal_mode = DELETE');
    db.exec('DELETE FROM migrations');
    const insert = db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const [version, name] of rows) insert.run(version, name, 1_700_000_000_000);
  });
  return path;
}

describe('schema migrations', () => {
  let tmp: TempDir;

  beforeEach(() => {
    tmp = new TempDir();
  });
  afterEach(() => tmp.dispose());

  it('creates a new file at the latest schema version with both migrations recorded', () => {
    const store = tmp.open();
    assert.equal(LATEST_VERSION, 2);
    assert.equal(store.schemaVersion(), 2);
    assert.deepEqual(store.openReport?.steps, [
      { version: 1, name: 'initial_schema', direction: 'up' },
      { version: 2, name: 'stable_rowids_and_stage_search', direction: 'up' },
    ]);
    assert.deepEqual(migrationRows(store.path), [
      { version: 1, name: 'initial_schema' },
      { version: 2, name: 'stable_rowids_and_stage_search' },
    ]);
  });

  it('keeps every journey, stage and artifact with its data through 2 → 1 → 2, with a sound index at each step', () => {
    const path = tmp.file();
    const store = openStore(path);
    const corpus = populate(store);
    store.close();

    const before = withRaw(path, snapshot);
    const seqBefore = withRaw(path, (db) => rowidsByArtifactId(db, 'seq'));
    assert.equal(before.artifacts.length, 17);
    assertFtsSound(path);

    const down = migrateDatabase(path, { to: 1 });
    assert.deepEqual(down.steps, [{ version: 2, name: 'stable_rowids_and_stage_search', direction: 'down' }]);
    withRaw(path, (db) => {
      assert.equal(schemaVersionOf(db), 1);
      assert.deepEqual(snapshot(db), before);
      // The full-text index maps to rowids, so they must keep the values of seq.
      assert.deepEqual(rowidsByArtifactId(db, 'rowid'), seqBefore);
      assert.equal(hasTable(db, 'stages_fts'), false, 'version 1 has no stage index');
      assert.equal(ftsProblem(db, 'artifacts_fts'), undefined);
      const found = db
        .prepare(
          `SELECT a.id FROM artifacts_fts f JOIN artifacts a ON a.rowid = f.rowid WHERE artifacts_fts MATCH ?`,
        )
        .all(corpus.artifactWords[7]!.word) as { id: string }[];
      assert.deepEqual(
        found.map((r) => r.id),
        [corpus.artifactWords[7]!.id],
      );
    });

    const up = migrateDatabase(path, { to: 2 });
    assert.deepEqual(up.steps, [{ version: 2, name: 'stable_rowids_and_stage_search', direction: 'up' }]);
    withRaw(path, (db) => {
      assert.equal(schemaVersionOf(db), 2);
      assert.deepEqual(snapshot(db), before);
      assert.deepEqual(rowidsByArtifactId(db, 'seq'), seqBefore);
    });
    assertFtsSound(path);

    const reopened = tmp.open();
    assert.deepEqual(reopened.openReport?.steps, []);
    for (const { word, id, title } of corpus.artifactWords) {
      const hits = reopened.search(word, { kinds: ['artifact'] }).hits;
      assert.deepEqual(
        hits.map((h) => (h.kind === 'artifact' ? [h.artifactId, h.title] : [])),
        [[id, title]],
        `search for ${word}`,
      );
    }
    for (const { word, id } of corpus.stageWords) {
      const hits = reopened.search(word, { kinds: ['stage'] }).hits;
      assert.deepEqual(
        hits.map((h) => h.stageId),
        [id],
        `stage search for ${word}`,
      );
    }
    assert.deepEqual(reopened.journeys.getById(corpus.journeyIds[0]!).settings.custom, { nested: [0, 'x'] });
    assert.equal(reopened.check().ok, true);
  });

  it('goes down to an empty schema at version 0 and back up to a working store', () => {
    const path = tmp.file();
    const store0 = openStore(path);
    populate(store0);
    store0.close();
    migrateDatabase(path, { to: 1 });
    const toZero = migrateDatabase(path, { to: 0 });
    assert.deepEqual(toZero.steps, [{ version: 1, name: 'initial_schema', direction: 'down' }]);
    withRaw(path, (db) => {
      assert.equal(schemaVersionOf(db), 0);
      for (const table of ['journeys', 'stages', 'artifacts', 'artifacts_fts', 'stages_fts']) {
        assert.equal(hasTable(db, table), false, `${table} should be gone at version 0`);
      }
    });

    const up = migrateDatabase(path, { to: 2 });
    assert.deepEqual(
      up.steps.map((s) => [s.version, s.direction]),
      [
        [1, 'up'],
        [2, 'up'],
      ],
    );
    const store = tmp.open();
    assert.equal(store.schemaVersion(), 2);
    const journey = store.journeys.create({ input: 'After the round trip' });
    const stage = store.stages.create({ journeyId: journey.id, type: 'building' });
    const artifact = store.artifacts.create({
      stageId: stage.id,
      type: 'code',
      title: 'Rebuilt',
      content: 'zebrafish',
    });
    assert.deepEqual(
      store.search('zebrafish').hits.map((h) => (h.kind === 'artifact' ? h.artifactId : h.stageId)),
      [artifact.id],
    );
    assert.equal(store.check().ok, true);
  });

  it('opens the same file a second and a third time without re-running or failing a migration', () => {
    const path = tmp.file();
    const first = openStore(path);
    const journey = first.journeys.create({ input: 'Opened many times' });
    first.close();

    const second = tmp.open();
    assert.deepEqual(second.openReport?.steps, []);
    const third = tmp.open();
    assert.deepEqual(third.openReport?.steps, []);
    assert.equal(third.journeys.getById(journey.id).input, 'Opened many times');
    assert.equal(second.schemaVersion(), 2);
    assert.equal(migrationRows(path).length, 2);
  });

  it('refuses a database written by a newer version (SCHEMA_TOO_NEW), asks to update, and leaves the file as it was', () => {
    const path = makeDatabaseWithHistory(tmp, [
      [1, 'initial_schema'],
      [2, 'stable_rowids_and_stage_search'],
      [99, 'from_the_future'],
    ]);
    const before = fileState(path);
    assert.equal(before.wal, false);

    const error = expectStoreError(() => openStore(path), 'SCHEMA_TOO_NEW', /update/i);
    assertSentence(error.message);
    assert.match(error.message, /99/);
    expectStoreError(() => openStore(path, { readonly: true }), 'SCHEMA_TOO_NEW');
    expectStoreError(() => migrateDatabase(path), 'SCHEMA_TOO_NEW');

    assert.deepEqual(fileState(path), before, 'the file and its neighbours are unchanged');
    assert.equal(existsSync(`${path}-wal`), false);
  });

  it('refuses a migration history it does not know (SCHEMA_MISMATCH) and leaves the file as it was', () => {
    const path = makeDatabaseWithHistory(tmp, [[1, 'someone_elses_schema']]);
    const before = fileState(path);

    const error = expectStoreError(() => openStore(path), 'SCHEMA_MISMATCH', /someone_elses_schema/);
    assertSentence(error.message);
    expectStoreError(() => migrateDatabase(path, { to: 2 }), 'SCHEMA_MISMATCH');

    assert.deepEqual(fileState(path), before);
  });

  it('refuses a target version it does not have', () => {
    const path = tmp.file();
    openStore(path).close();
    expectStoreError(() => migrateDatabase(path, { to: 3 }), 'INVALID_INPUT', /0 to 2/);
    expectStoreError(() => migrateDatabase(path, { to: -1 }), 'INVALID_INPUT');
    assert.equal(withRaw(path, schemaVersionOf), 2);
  });

  it('rolls a migration that fails half-way back as a whole: version and data stay as they were', () => {
    const path = tmp.file();
    const store = openStore(path);
    populate(store);
    store.close();
    migrateDatabase(path, { to: 1 });
    // Version 1 inherits the seed's `id TEXT PRIMARY KEY`, which SQLite lets be NULL; another program wrote one.
    // Version 2 declares ids NOT NULL, so its table copy fails after tables were already created and dropped.
    withRaw(path, (db) => {
      const journeyId = (db.prepare('SELECT id FROM journeys LIMIT 1').get() as { id: string }).id;
      db.prepare(
        `INSERT INTO stages (id, journey_id, type, status, prompt, created_at) VALUES (NULL, ?, 'chasing', 'pending', 'lost', 1)`,
      ).run(journeyId);
    });
    const before = withRaw(path, snapshot);

    let thrown: unknown;
    try {
      migrateDatabase(path, { to: 2 });
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown instanceof StoreError, `expected a StoreError, got ${String(thrown)}`);
    assertSentence(thrown.message);

    withRaw(path, (db) => {
      assert.equal(schemaVersionOf(db), 1);
      assert.deepEqual(snapshot(db), before);
      assert.equal(hasTable(db, 'stages_v2'), false, 'no half-built table is left behind');
      assert.equal(hasTable(db, 'stages_fts'), false);
      assert.equal(ftsProblem(db, 'artifacts_fts'), undefined);
    });
    assert.throws(() => openStore(path), StoreError);
    assert.equal(withRaw(path, schemaVersionOf), 1);
  });

  it('rolls a migration back when its result would leave rows pointing at nothing', () => {
    const path = tmp.file();
    const store = openStore(path);
    populate(store);
    store.close();
    migrateDatabase(path, { to: 1 });
    // Written by a program that had foreign keys off: an artifact of a stage that does not exist.
    withRaw(path, (db) => {
      db.pragma('foreign_keys = OFF');
      db.prepare(
        `INSERT INTO artifacts (id, stage_id, type, title, content, metadata, created_at)
         VALUES ('artifact_orphan', 'stage_missing', 'other', 'Orphan', 'nobody owns me', '{}', 1)`,
      ).run();
    });
    const before = withRaw(path, snapshot);

    const error = expectStoreError(() => migrateDatabase(path, { to: 2 }), 'INTERNAL', /rolled back/);
    assertSentence(error.message);
    withRaw(path, (db) => {
      assert.equal(schemaVersionOf(db), 1);
      assert.deepEqual(snapshot(db), before);
      assert.equal(ftsProblem(db, 'artifacts_fts'), undefined);
    });
  });
});
