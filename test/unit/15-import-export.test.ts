import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  DEFAULT_SETTINGS,
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  type ExchangeDocument,
  type ExchangeJourney,
  type Store,
  type StoreErrorCode,
} from '../../src/store';
import type { ExchangeArtifact, ExchangeStage } from '../../src/store/exchange';
import { expectStoreError } from '../helpers/seedChecks';
import { TempDir } from '../helpers/tempStore';

/** The export without its timestamp, as text: equal text means equal data. */
function exportText(store: Store): string {
  return JSON.stringify({ ...store.exportJson(), exportedAt: '' });
}

/** Everything a refused import must leave untouched: row counts and a checksum of the whole export. */
function snapshot(store: Store): { counts: unknown; checksum: string } {
  return {
    counts: store.status().counts,
    checksum: createHash('sha256').update(exportText(store)).digest('hex'),
  };
}

function seed(store: Store): void {
  store.transaction(() => {
    const j1 = store.journeys.create({
      id: 'journey_a',
      input: 'How should clients retry? — «résumé» 🙂',
      status: 'complete',
      createdAt: 1_000,
      settings: { maxStages: 3, autoAdvance: false, custom: { nested: [1, 'two', null] } },
    });
    store.journeys.create({ id: 'journey_b', input: 'Empty journey', status: 'paused', createdAt: 2_000 });
    const s1 = store.stages.create({
      id: 'stage_a1',
      journeyId: j1.id,
      type: 'solving',
      status: 'complete',
      prompt: 'Find a strategy\nwith details',
      result: 'Exponential backoff',
      thinking: 'Consider herds',
      createdAt: 1_100,
    });
    store.stages.create({ id: 'stage_a2', journeyId: j1.id, type: 'building', createdAt: 1_100 });
    store.artifacts.create({
      id: 'artifact_a1',
      stageId: s1.id,
      type: 'code',
      title: 'Helper',
      content: 'function backoff(n) { return 2 ** n; }',
      metadata: { language: 'js', lines: [1, 2], deep: { ok: true } },
      createdAt: 1_200,
    });
    store.artifacts.create({
      id: 'artifact_a2',
      stageId: s1.id,
      type: 'document',
      title: 'Empty',
      content: '',
      createdAt: 1_200,
    });
    store.artifacts.update('artifact_a1', { title: 'Backoff helper' });
    store.stages.update('stage_a1', { status: 'complete' });
  });
}

/** A deep copy to break on purpose; wrong values are cast through `never`, as a hand-edited file would hold them. */
function clone(doc: ExchangeDocument): ExchangeDocument {
  return JSON.parse(JSON.stringify(doc)) as ExchangeDocument;
}

describe('import and export', () => {
  let tmp: TempDir;
  let store: Store;

  beforeEach(() => {
    tmp = new TempDir();
    store = tmp.open();
    seed(store);
  });
  afterEach(() => tmp.dispose());

  describe('round trip', () => {
    it('exports a versioned document with every field', () => {
      const doc = store.exportJson();
      assert.equal(doc.format, EXCHANGE_FORMAT);
      assert.equal(doc.version, EXCHANGE_VERSION);
      assert.ok(!Number.isNaN(Date.parse(doc.exportedAt)));
      assert.deepEqual(
        doc.journeys.map((j) => j.id),
        ['journey_a', 'journey_b'],
      );
      const [a] = doc.journeys;
      assert.equal(a!.settings.maxStages, 3);
      assert.deepEqual(a!.settings.custom, { nested: [1, 'two', null] });
      assert.deepEqual(
        a!.stages.map((s) => s.id),
        ['stage_a1', 'stage_a2'],
      );
      const s1 = a!.stages[0]!;
      assert.equal(s1.thinking, 'Consider herds');
      assert.ok(s1.updatedAt! > s1.createdAt);
      assert.equal('thinking' in a!.stages[1]!, false);
      assert.deepEqual(
        s1.artifacts.map((x) => [x.id, x.title, x.content]),
        [
          ['artifact_a1', 'Backoff helper', 'function backoff(n) { return 2 ** n; }'],
          ['artifact_a2', 'Empty', ''],
        ],
      );
      assert.deepEqual(s1.artifacts[0]!.metadata, { language: 'js', lines: [1, 2], deep: { ok: true } });
      assert.deepEqual(
        store.exportJson(['journey_b']).journeys.map((j) => j.id),
        ['journey_b'],
      );
    });

    it('imports an export into a fresh database with every field the same', () => {
      const file = JSON.stringify(store.exportJson());
      const fresh = tmp.open('fresh.db');
      const report = fresh.importJson(file);
      assert.deepEqual(report, {
        journeys: { created: 2, updated: 0, unchanged: 0 },
        stages: { created: 2, updated: 0, unchanged: 0 },
        artifacts: { created: 2, updated: 0, unchanged: 0 },
      });
      assert.equal(exportText(fresh), exportText(store));
      for (const id of ['journey_a', 'journey_b']) {
        assert.deepEqual(fresh.journeys.getWithStages(id), store.journeys.getWithStages(id));
        assert.deepEqual(fresh.journeys.findSummaryById(id), store.journeys.findSummaryById(id));
      }
      assert.deepEqual(fresh.artifacts.getById('artifact_a1'), store.artifacts.getById('artifact_a1'));
      assert.deepEqual(fresh.stages.getById('stage_a1'), store.stages.getById('stage_a1'));
      assert.deepEqual(
        fresh.search('backoff').hits.map((h) => h.kind),
        store.search('backoff').hits.map((h) => h.kind),
      );
      assert.equal(fresh.check().ok, true);
    });

    it('creates nothing new when the same file is imported twice', () => {
      const file = JSON.stringify(store.exportJson());
      const fresh = tmp.open('fresh.db');
      fresh.importJson(file);
      const before = snapshot(fresh);
      const again = fresh.importJson(file);
      assert.deepEqual(again, {
        journeys: { created: 0, updated: 0, unchanged: 2 },
        stages: { created: 0, updated: 0, unchanged: 2 },
        artifacts: { created: 0, updated: 0, unchanged: 2 },
      });
      assert.deepEqual(snapshot(fresh), before);
      // And into the database it came from.
      const home = store.importJson(file);
      assert.equal(home.journeys.unchanged + home.stages.unchanged + home.artifacts.unchanged, 6);
    });

    it('accepts the document as an object too, and updates changed rows in place, search included', () => {
      const doc = clone(store.exportJson());
      doc.journeys[0]!.stages[0]!.artifacts[0]!.content = 'function jitter() {}';
      doc.journeys[0]!.input = 'Renamed journey';
      const report = store.importJson(doc);
      assert.equal(report.artifacts.updated, 1);
      assert.equal(report.journeys.updated, 1);
      assert.equal(report.stages.unchanged, 2);
      assert.equal(store.artifacts.getById('artifact_a1').content, 'function jitter() {}');
      assert.equal(store.journeys.getById('journey_a').input, 'Renamed journey');
      assert.equal(store.stages.findByJourneyId('journey_a').length, 2, 'children survive the update');
      assert.deepEqual(
        store.search('jitter').hits.map((h) => h.kind === 'artifact' && h.artifactId),
        ['artifact_a1'],
      );
      assert.equal(store.check().ok, true);
    });

    it('exports a database whose settings and metadata another program broke, with defaults', () => {
      const raw = new Database(tmp.file());
      try {
        raw.exec(
          `UPDATE journeys SET settings = '{oops'; UPDATE artifacts SET metadata = '[' WHERE id = 'artifact_a1'`,
        );
      } finally {
        raw.close();
      }
      const doc = store.exportJson();
      assert.deepEqual(doc.journeys[0]!.settings, { ...DEFAULT_SETTINGS });
      assert.deepEqual(doc.journeys[0]!.stages[0]!.artifacts[0]!.metadata, {});
      const fresh = tmp.open('fresh.db');
      fresh.importJson(JSON.stringify(doc));
      assert.equal(exportText(fresh), exportText(store));
      assert.deepEqual(fresh.check().warnings, []);
    });

    it('refuses to export a journey that does not exist', () => {
      expectStoreError(() => store.exportJson(['journey_missing']), 'NOT_FOUND', /journey_missing/);
    });

    it('exports and imports a 10 MB artifact', function () {
      this.timeout(30_000);
      const big = 'lorem ipsum dolor sit amet, ünïcode 🙂\n'.repeat(Math.ceil((10 * 1024 * 1024) / 42));
      assert.ok(Buffer.byteLength(big) >= 10 * 1024 * 1024);
      store.artifacts.create({
        id: 'artifact_big',
        stageId: 'stage_a2',
        type: 'document',
        title: 'Big',
        content: big,
      });
      const file = JSON.stringify(store.exportJson(['journey_a']));
      const fresh = tmp.open('fresh.db');
      const report = fresh.importJson(file);
      assert.equal(report.artifacts.created, 3);
      assert.equal(fresh.artifacts.getById('artifact_big').content, big);
      assert.equal(fresh.artifacts.findSummaryById('artifact_big')!.contentBytes, Buffer.byteLength(big));
      const back = fresh.exportJson(['journey_a']);
      assert.equal(back.journeys[0]!.stages[1]!.artifacts[0]!.content, big);
    });
  });

  describe('refused imports change nothing', () => {
    const NEW_JOURNEY: ExchangeJourney = {
      id: 'journey_new',
      input: 'Would be created if validation were lazy',
      status: 'running',
      createdAt: 9_000,
      updatedAt: 9_000,
      settings: {},
      stages: [
        {
          id: 'stage_new',
          type: 'discovering',
          status: 'pending',
          prompt: '',
          result: '',
          createdAt: 9_000,
          artifacts: [],
        },
      ],
    };

    /** The current export plus a new journey at the end, so a partial write would show. */
    function baseDoc() {
      const doc = clone(store.exportJson());
      doc.journeys.push(JSON.parse(JSON.stringify(NEW_JOURNEY)) as ExchangeJourney);
      return doc;
    }

    const cases: Array<[string, (doc: ReturnType<typeof baseDoc>) => unknown, StoreErrorCode, RegExp]> = [
      ['text that is not JSON', () => '{"format": "perpetua-journeys", ', 'INVALID_INPUT', /not valid JSON/],
      ['an empty file', () => '', 'INVALID_INPUT', /not valid JSON/],
      ['a list instead of a document', () => '[]', 'INVALID_INPUT', /at \$: expected an object/],
      ['null', () => null, 'INVALID_INPUT', /at \$: expected an object/],
      [
        'a wrong format tag',
        (d) => ({ ...d, format: 'perpetua-backup' }),
        'INVALID_INPUT',
        /at \$\.format: expected "perpetua-journeys", found "perpetua-backup"/,
      ],
      ['a missing format tag', (d) => ({ ...d, format: undefined }), 'INVALID_INPUT', /at \$\.format/],
      [
        'a newer format version',
        (d) => ({ ...d, version: EXCHANGE_VERSION + 1 }),
        'INVALID_INPUT',
        /at \$\.version: this file was written by a newer Perpetua/,
      ],
      ['a version that is text', (d) => ({ ...d, version: '1' }), 'INVALID_INPUT', /at \$\.version/],
      ['a version of 0', (d) => ({ ...d, version: 0 }), 'INVALID_INPUT', /at \$\.version/],
      [
        'journeys that are not a list',
        (d) => ({ ...d, journeys: { a: 1 } as never }),
        'INVALID_INPUT',
        /at \$\.journeys: expected a list/,
      ],
      [
        'a missing journeys list',
        (d) => ({ ...d, journeys: undefined }),
        'INVALID_INPUT',
        /at \$\.journeys:/,
      ],
      [
        'a journey that is not an object',
        (d) => ({ ...d, journeys: [d.journeys[0]!, 'journey_b' as never] }),
        'INVALID_INPUT',
        /at \$\.journeys\[1\]: expected an object/,
      ],
      [
        'a journey without input',
        (d) => {
          delete (d.journeys[1] as Partial<ExchangeJourney>).input;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[1\]\.input: expected text/,
      ],
      [
        'a journey with empty input',
        (d) => {
          d.journeys[2]!.input = '  ';
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[2\]\.input: must not be empty/,
      ],
      [
        'an unknown journey status',
        (d) => {
          d.journeys[0]!.status = 'sleeping' as never;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[0\]\.status: expected one of .*found "sleeping"/,
      ],
      [
        'a createdAt that is text',
        (d) => {
          d.journeys[0]!.createdAt = '2024-01-01' as never;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[0\]\.createdAt: expected a time/,
      ],
      [
        'a negative updatedAt',
        (d) => {
          d.journeys[1]!.updatedAt = -1;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[1\]\.updatedAt/,
      ],
      [
        'settings that are text',
        (d) => {
          d.journeys[0]!.settings = 'fast' as never;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[0\]\.settings: expected an object/,
      ],
      [
        'stages that are not a list',
        (d) => {
          d.journeys[1]!.stages = 'none' as never;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[1\]\.stages: expected a list/,
      ],
      [
        'an unknown stage type',
        (d) => {
          d.journeys[2]!.stages[0]!.type = 'flying' as never;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[2\]\.stages\[0\]\.type: expected one of/,
      ],
      [
        'a stage without status',
        (d) => {
          delete (d.journeys[0]!.stages[1] as Partial<ExchangeStage>).status;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[0\]\.stages\[1\]\.status/,
      ],
      [
        'a stage prompt that is a number',
        (d) => {
          d.journeys[0]!.stages[0]!.prompt = 42 as never;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[0\]\.stages\[0\]\.prompt: expected text, found 42/,
      ],
      [
        'an artifact title that is a number',
        (d) => {
          d.journeys[0]!.stages[0]!.artifacts[1]!.title = 7 as never;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[0\]\.stages\[0\]\.artifacts\[1\]\.title/,
      ],
      [
        'an artifact without content',
        (d) => {
          delete (d.journeys[0]!.stages[0]!.artifacts[0] as Partial<ExchangeArtifact>).content;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[0\]\.stages\[0\]\.artifacts\[0\]\.content/,
      ],
      [
        'artifact metadata that is a list',
        (d) => {
          d.journeys[0]!.stages[0]!.artifacts[0]!.metadata = ['a'] as never;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[0\]\.stages\[0\]\.artifacts\[0\]\.metadata: expected an object, found a list/,
      ],
      [
        'an unknown artifact type',
        (d) => {
          d.journeys[0]!.stages[0]!.artifacts[1]!.type = 'pdf' as never;
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[0\]\.stages\[0\]\.artifacts\[1\]\.type/,
      ],
      [
        'an id that is too long',
        (d) => {
          d.journeys[2]!.id = 'j'.repeat(201);
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[2\]\.id: ids are at most 200 characters/,
      ],
      [
        'a journey id twice in the file',
        (d) => {
          d.journeys[2]!.id = 'journey_a';
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[2\]\.id: the id journey_a appears more than once/,
      ],
      [
        'an artifact id equal to a stage id in the file',
        (d) => {
          d.journeys[0]!.stages[0]!.artifacts[1]!.id = 'stage_a1';
          return d;
        },
        'INVALID_INPUT',
        /at \$\.journeys\[0\]\.stages\[0\]\.artifacts\[1\]\.id: the id stage_a1 appears more than once/,
      ],
      [
        'a stage id that already belongs to another journey in the database',
        (d) => {
          d.journeys[0]!.input = 'Changed before the conflict';
          d.journeys[2]!.stages[0]!.id = 'stage_a2';
          d.journeys[0]!.stages = d.journeys[0]!.stages.slice(0, 1);
          return d;
        },
        'CONFLICT',
        /at \$\.journeys\[2\]\.stages\[0\]: stage stage_a2 already belongs to another journey \(journey_a\)/,
      ],
      [
        'an artifact id that already belongs to another stage in the database',
        (d) => {
          d.journeys[2]!.stages[0]!.artifacts = [
            { ...d.journeys[0]!.stages[0]!.artifacts[0]!, content: 'stolen' },
          ];
          d.journeys[0]!.stages[0]!.artifacts = [];
          return d;
        },
        'CONFLICT',
        /at \$\.journeys\[2\]\.stages\[0\]\.artifacts\[0\]: artifact artifact_a1 already belongs to another stage/,
      ],
    ];

    for (const [name, make, code, message] of cases) {
      it(`refuses ${name}, naming where, and writes nothing`, () => {
        const source = make(baseDoc());
        const before = snapshot(store);
        const error = expectStoreError(() => store.importJson(source), code, message);
        assert.match(error.message, /Nothing was imported/);
        assert.deepEqual(snapshot(store), before);
        assert.equal(store.journeys.findById('journey_new'), undefined);
        assert.equal(store.check().ok, true);
      });
    }

    it('imports the same base document when nothing is wrong with it (the cases above are the only fault)', () => {
      const report = store.importJson(baseDoc());
      assert.equal(report.journeys.created, 1);
      assert.equal(report.stages.created, 1);
      assert.equal(report.journeys.unchanged, 2);
      assert.ok(store.journeys.findById('journey_new'));
    });
  });
});
