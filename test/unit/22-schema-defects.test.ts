import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../src/store';
import { assertFtsSound, ftsProblem, withRaw } from '../helpers/seedChecks';
import { SEED_SCHEMA_SQL, SeedDatabase } from '../helpers/seedDatabase';
import { TempDir } from '../helpers/tempStore';

// Each test protects against one defect of the seed's database layer and would fail on the seed's code.

/** A small deterministic random generator (mulberry32), so a failure can be replayed. */
function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function artifactIds(store: Store, query: string): string[] {
  return store
    .search(query, { kinds: ['artifact'], limit: 200 })
    .hits.map((h) => (h.kind === 'artifact' ? h.artifactId : ''))
    .sort();
}

function stageIds(store: Store, query: string): string[] {
  return store
    .search(query, { kinds: ['stage'], limit: 200 })
    .hits.map((h) => h.stageId)
    .sort();
}

/** The repository root, found from the test bundle or the working directory. */
function repositoryRoot(): string {
  for (const start of [process.cwd(), __dirname]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'src', 'store', 'index.ts'))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('Cannot find src/store from the test');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Source without comments, so a comment warning against a construct does not count as using it. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('defects of the seed database layer, fixed', () => {
  let tmp: TempDir;

  beforeEach(() => {
    tmp = new TempDir();
  });
  afterEach(() => tmp.dispose());

  describe('1. foreign keys', () => {
    it('deletes a journey’s stages and artifacts with it and leaves no stale search entries', () => {
      const store = tmp.open();
      const make = (n: number) => {
        const journey = store.journeys.create({ input: `Journey ${n}` });
        const stages = [0, 1].map((s) =>
          store.stages.create({ journeyId: journey.id, type: 'chasing', prompt: `stageword${n}x${s}` }),
        );
        const artifacts = stages.flatMap((stage, s) =>
          [0, 1].map((a) =>
            store.artifacts.create({
              stageId: stage.id,
              type: 'document',
              title: `Doc ${n}.${s}.${a}`,
              content: `artword${n}x${s}x${a}`,
            }),
          ),
        );
        return { journey, stages, artifacts };
      };
      const doomed = make(1);
      const kept = make(2);

      assert.deepEqual(store.journeys.deletionImpact(doomed.journey.id), { stages: 2, artifacts: 4 });
      assert.equal(store.journeys.delete(doomed.journey.id), true);

      for (const stage of doomed.stages) assert.equal(store.stages.findById(stage.id), undefined);
      for (const artifact of doomed.artifacts) assert.equal(store.artifacts.findById(artifact.id), undefined);
      assert.deepEqual(artifactIds(store, 'artword1x0x1'), []);
      assert.deepEqual(stageIds(store, 'stageword1x1'), []);
      assert.deepEqual(artifactIds(store, 'artword2x1x1'), [kept.artifacts[3]!.id]);
      assert.equal(store.stages.listSummaries(kept.journey.id).length, 2);

      // Deleting a stage takes its artifacts too.
      assert.equal(store.stages.delete(kept.stages[0]!.id), true);
      assert.equal(store.artifacts.findById(kept.artifacts[0]!.id), undefined);
      assert.deepEqual(artifactIds(store, 'artword2x0x0'), []);

      withRaw(store.path, (db) => {
        assert.deepEqual(db.pragma('foreign_key_check'), []);
        const counts = db
          .prepare(
            `SELECT (SELECT count(*) FROM stages) AS stages, (SELECT count(*) FROM artifacts) AS artifacts,
                    (SELECT count(*) FROM artifacts_fts_docsize) AS indexedArtifacts,
                    (SELECT count(*) FROM stages_fts_docsize) AS indexedStages`,
          )
          .get();
        assert.deepEqual(counts, { stages: 1, artifacts: 2, indexedArtifacts: 2, indexedStages: 1 });
      });
      assertFtsSound(store.path);
      assert.equal(store.check().ok, true);
    });
  });

  describe('2. opening twice', () => {
    it('opens a file again and again, where running the seed’s schema a second time fails', () => {
      // The seed's CREATE INDEX / CREATE TRIGGER have no IF NOT EXISTS.
      const raw = new Database(tmp.file('seed-twice.db'));
      try {
        raw.exec(SEED_SCHEMA_SQL);
        assert.throws(() => raw.exec(SEED_SCHEMA_SQL), /already exists/);
      } finally {
        raw.close();
      }

      const path = tmp.file();
      const first = openStore(path);
      const journey = first.journeys.create({ input: 'Still here' });
      first.close();
      const second = tmp.open();
      const third = tmp.open();
      assert.equal(second.journeys.getById(journey.id).input, 'Still here');
      assert.equal(third.schemaVersion(), 2);

      // A database the seed made, adopted once, opens again as well.
      const seedPath = tmp.file('from-seed.db');
      new SeedDatabase(seedPath, 'runMigrations').close();
      openStore(seedPath).close();
      const reopened = tmp.open('from-seed.db');
      assert.equal(reopened.openReport?.adoption, undefined);
      assert.equal(reopened.schemaVersion(), 2);
    });
  });

  describe('3. full-text triggers', () => {
    it('keeps both search indexes exactly in step with the tables over 200 random inserts, updates and deletes', () => {
      const store = tmp.open();
      const random = randomGenerator(20251126);
      const vocabulary = Array.from({ length: 24 }, (_, i) => `vocab${String(i).padStart(2, '0')}`);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const text = () =>
        Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(vocabulary)).join(' ');

      const journey = store.journeys.create({ input: 'Random walk' });
      const stageText = new Map<string, string>();
      const artifactText = new Map<string, { stageId: string; text: string }>();
      const addStage = () => {
        const prompt = text();
        const stage = store.stages.create({ journeyId: journey.id, type: 'imagining', prompt });
        stageText.set(stage.id, prompt);
      };
      addStage();
      addStage();

      const verify = (when: string) => {
        withRaw(store.path, (db) => {
          assert.equal(ftsProblem(db, 'artifacts_fts'), undefined, `artifacts index ${when}`);
          assert.equal(ftsProblem(db, 'stages_fts'), undefined, `stages index ${when}`);
        });
        for (const word of vocabulary) {
          const words = (t: string) => new Set(t.split(' '));
          const expectedArtifacts = [...artifactText]
            .filter(([, a]) => words(a.text).has(word))
            .map(([id]) => id)
            .sort();
          assert.deepEqual(artifactIds(store, word), expectedArtifacts, `artifacts with ${word} ${when}`);
          const expectedStages = [...stageText]
            .filter(([, t]) => words(t).has(word))
            .map(([id]) => id)
            .sort();
          assert.deepEqual(stageIds(store, word), expectedStages, `stages with ${word} ${when}`);
        }
      };

      for (let op = 1; op <= 200; op++) {
        const roll = random();
        const artifactList = [...artifactText.keys()];
        const stageList = [...stageText.keys()];
        if (roll < 0.45 || artifactList.length === 0) {
          const stageId = pick(stageList);
          const t = text();
          const [title, ...rest] = t.split(' ');
          const artifact = store.artifacts.create({
            stageId,
            type: 'document',
            title: title!,
            content: rest.join(' '),
          });
          artifactText.set(artifact.id, { stageId, text: t });
        } else if (roll < 0.7) {
          const id = pick(artifactList);
          const t = text();
          const [title, ...rest] = t.split(' ');
          // Sometimes only the content changes: the index must still forget the old words.
          if (random() < 0.3) {
            const old = store.artifacts.getById(id);
            store.artifacts.update(id, { content: rest.join(' ') });
            artifactText.set(id, { stageId: old.stageId, text: `${old.title} ${rest.join(' ')}` });
          } else {
            store.artifacts.update(id, { title: title!, content: rest.join(' ') });
            artifactText.set(id, { stageId: artifactText.get(id)!.stageId, text: t });
          }
        } else if (roll < 0.82) {
          const id = pick(artifactList);
          assert.equal(store.artifacts.delete(id), true);
          artifactText.delete(id);
        } else if (roll < 0.92) {
          const id = pick(stageList);
          const prompt = text();
          store.stages.update(id, { prompt, thinking: random() < 0.5 ? null : 'thought' });
          stageText.set(id, prompt);
        } else if (roll < 0.98 || stageList.length <= 3) {
          addStage();
        } else {
          const id = pick(stageList);
          assert.equal(store.stages.delete(id), true);
          stageText.delete(id);
          for (const [artifactId, a] of artifactText) if (a.stageId === id) artifactText.delete(artifactId);
        }
        if (op % 50 === 0) verify(`after ${op} operations`);
      }
      assert.ok(
        artifactText.size > 20,
        `${artifactText.size} artifacts left: ` + 'the walk leaves a meaningful number of artifacts',
      );
      assert.equal(store.check().ok, true);
    });
  });

  describe('4. VACUUM', () => {
    it('still finds the right artifacts with the right titles after deletes and a VACUUM', () => {
      const store = tmp.open();
      const journey = store.journeys.create({ input: 'Vacuum' });
      const stage = store.stages.create({ journeyId: journey.id, type: 'building' });
      const artifacts = Array.from({ length: 30 }, (_, i) =>
        store.artifacts.create({
          stageId: stage.id,
          type: 'code',
          title: `Title number ${i}`,
          content: `uniqueword${i} shared filler text`,
        }),
      );
      // Gaps in the middle: exactly where a rowid renumbering would shift the index onto other rows.
      const deleted = new Set([3, 4, 5, 10, 11, 17, 25]);
      for (const i of deleted) assert.equal(store.artifacts.delete(artifacts[i]!.id), true);

      store.vacuum();

      artifacts.forEach((artifact, i) => {
        const hits = store.search(`uniqueword${i}`, { kinds: ['artifact'] }).hits;
        if (deleted.has(i)) {
          assert.deepEqual(hits, [], `deleted artifact ${i}`);
        } else {
          assert.deepEqual(
            hits.map((h) => (h.kind === 'artifact' ? [h.artifactId, h.title] : [])),
            [[artifact.id, `Title number ${i}`]],
            `artifact ${i}`,
          );
        }
      });
      assert.equal(artifactIds(store, 'shared').length, 30 - deleted.size);
      assertFtsSound(store.path);
      assert.equal(store.check().ok, true);
    });
  });

  describe('6. no INSERT OR REPLACE', () => {
    it('never uses INSERT OR REPLACE (or REPLACE INTO) in the store, which would cascade-delete children', () => {
      const files = sourceFiles(join(repositoryRoot(), 'src', 'store'));
      assert.ok(files.length > 5, 'found the store sources');
      for (const file of files) {
        const code = withoutComments(readFileSync(file, 'utf8'));
        assert.doesNotMatch(code, /\bINSERT\s+OR\s+REPLACE\b/i, file);
        assert.doesNotMatch(code, /(^|[^\w.])REPLACE\s+INTO\b/i, file);
      }
    });

    it('keeps a journey’s stages and artifacts when the same journey is imported again, changed or not', () => {
      const store = tmp.open();
      const journey = store.journeys.create({ input: 'Imported twice' });
      const stages = [0, 1].map((s) =>
        store.stages.create({ journeyId: journey.id, type: 'searching', result: `result ${s}` }),
      );
      const artifacts = stages.flatMap((stage, s) =>
        [0, 1, 2].map((a) =>
          store.artifacts.create({
            stageId: stage.id,
            type: 'document',
            title: `Kept ${s}.${a}`,
            content: `keptword${s}x${a}`,
            metadata: { a },
          }),
        ),
      );
      const exported = store.exportJson([journey.id]);

      const same = store.importJson(exported);
      assert.deepEqual(same.artifacts, { created: 0, updated: 0, unchanged: 6 });

      const changed = structuredClone(exported);
      changed.journeys[0]!.input = 'Imported twice, renamed';
      changed.journeys[0]!.updatedAt += 1;
      changed.journeys[0]!.stages[0]!.result = 'a better result';
      const report = store.importJson(changed);
      assert.deepEqual(report.journeys, { created: 0, updated: 1, unchanged: 0 });
      assert.equal(report.stages.updated, 1);
      assert.deepEqual(report.artifacts, { created: 0, updated: 0, unchanged: 6 });

      assert.equal(store.journeys.getById(journey.id).input, 'Imported twice, renamed');
      for (const stage of stages) assert.equal(store.artifacts.listSummaries(stage.id).length, 3);
      for (const [i, artifact] of artifacts.entries()) {
        assert.deepEqual(store.artifacts.getById(artifact.id), artifact);
        assert.deepEqual(artifactIds(store, `keptword${Math.floor(i / 3)}x${i % 3}`), [artifact.id]);
      }
      assertFtsSound(store.path);
    });
  });
});
