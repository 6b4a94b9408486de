import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { QueryBuilder, type Store } from '../../src/store';
import { expectStoreError } from '../helpers/seedChecks';
import { TempDir } from '../helpers/tempStore';

const TAUTOLOGY = `x' OR '1'='1`;

describe('query builder', () => {
  let tmp: TempDir;
  let store: Store;

  beforeEach(() => {
    tmp = new TempDir();
    store = tmp.open();
    store.journeys.create({ id: 'journey_1', input: 'Retry storms', status: 'running', createdAt: 100 });
    store.journeys.create({ id: 'journey_2', input: 'Cache design', status: 'complete', createdAt: 200 });
    store.journeys.create({ id: 'journey_3', input: '100% done', status: 'complete', createdAt: 300 });
    store.journeys.create({ id: 'journey_4', input: '1000 done', status: 'paused', createdAt: 400 });
    store.journeys.create({ id: 'journey_5', input: TAUTOLOGY, status: 'error', createdAt: 500 });
    const stage = store.stages.create({
      id: 'stage_1',
      journeyId: 'journey_1',
      type: 'solving',
      thinking: 'hmm',
    });
    store.stages.create({ id: 'stage_2', journeyId: 'journey_1', type: 'building' });
    store.artifacts.create({ stageId: stage.id, type: 'code', title: 'Helper', content: 'x' });
  });
  afterEach(() => tmp.dispose());

  /** The tables are all still there, with their rows, read by a connection of our own. */
  function assertTablesIntact(): void {
    const db = new Database(tmp.file(), { readonly: true });
    try {
      const names = (
        db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
      ).map((r) => r.name);
      for (const table of ['journeys', 'stages', 'artifacts', 'artifacts_fts', 'stages_fts']) {
        assert.ok(names.includes(table), `table ${table} is missing`);
      }
      assert.equal((db.prepare('SELECT count(*) AS n FROM journeys').get() as { n: number }).n, 5);
      assert.equal((db.prepare('SELECT count(*) AS n FROM stages').get() as { n: number }).n, 2);
      assert.equal((db.prepare('SELECT count(*) AS n FROM artifacts').get() as { n: number }).n, 1);
    } finally {
      db.close();
    }
  }

  const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

  describe('typed queries', () => {
    it('filters, orders, limits and offsets on every table', () => {
      assert.deepEqual(
        ids(store.select('journeys').where('status', '=', 'complete').order('created_at', 'DESC').all()),
        ['journey_3', 'journey_2'],
      );
      assert.deepEqual(
        ids(
          store
            .select('journeys')
            .where('created_at', '>=', 200)
            .order('created_at')
            .limit(2)
            .offset(1)
            .all(),
        ),
        ['journey_3', 'journey_4'],
      );
      assert.deepEqual(ids(store.select('journeys').order('created_at', 'DESC').offset(3).all()), [
        'journey_2',
        'journey_1',
      ]);
      assert.deepEqual(
        ids(
          store.select('stages').where('journey_id', '=', 'journey_1').where('type', '!=', 'solving').all(),
        ),
        ['stage_2'],
      );
      const artifacts = store.select('artifacts').where('stage_id', '=', 'stage_1').all();
      assert.equal(artifacts.length, 1);
      assert.equal(artifacts[0]!.title, 'Helper');
      assert.equal(typeof artifacts[0]!.seq, 'number');
    });

    it('compares with null using IS NULL and IS NOT NULL', () => {
      assert.deepEqual(ids(store.select('stages').where('thinking', '=', null).all()), ['stage_2']);
      assert.deepEqual(ids(store.select('stages').where('thinking', '!=', null).all()), ['stage_1']);
      expectStoreError(
        () => store.select('stages').where('thinking', '>' as never, null as never),
        'INVALID_INPUT',
        /null/,
      );
    });

    it('matches nothing for IN with an empty list and everything for NOT IN with an empty list', () => {
      assert.deepEqual(store.select('journeys').where('status', 'IN', []).all(), []);
      assert.equal(store.select('journeys').where('status', 'NOT IN', []).all().length, 5);
      assert.deepEqual(
        ids(store.select('journeys').where('status', 'IN', ['paused', 'error']).order('id').all()),
        ['journey_4', 'journey_5'],
      );
      assert.deepEqual(
        ids(store.select('journeys').where('status', 'NOT IN', ['complete']).order('id').all()),
        ['journey_1', 'journey_4', 'journey_5'],
      );
      expectStoreError(
        () => store.select('journeys').where('status', 'IN', 'running' as never),
        'INVALID_INPUT',
        /list/,
      );
      expectStoreError(
        () => store.select('journeys').where('status', 'IN', [{}] as never),
        'INVALID_INPUT',
        /list/,
      );
    });

    it('supports LIKE with % and _ as wildcards and backslash as the escape', () => {
      assert.deepEqual(ids(store.select('journeys').where('input', 'LIKE', '%design%').all()), ['journey_2']);
      assert.deepEqual(ids(store.select('journeys').where('input', 'LIKE', '100%').order('id').all()), [
        'journey_3',
        'journey_4',
      ]);
      assert.deepEqual(ids(store.select('journeys').where('input', 'LIKE', '100\\%%').all()), ['journey_3']);
      assert.deepEqual(ids(store.select('journeys').where('input', 'LIKE', 'retry _torms').all()), [
        'journey_1',
      ]);
    });
  });

  describe('values are bound, never interpolated', () => {
    it('finds a journey whose input contains quotes exactly, and nothing else', () => {
      assert.deepEqual(ids(store.select('journeys').where('input', '=', TAUTOLOGY).all()), ['journey_5']);
      assert.deepEqual(store.select('journeys').where('input', '=', `' OR '1'='1`).all(), []);
      assert.deepEqual(store.select('journeys').where('id', '=', `journey_1' OR 1=1 --`).all(), []);
      assert.deepEqual(store.select('journeys').where('id', 'IN', [`') OR 1=1 --`, '"']).all(), []);
      assertTablesIntact();
    });

    it('builds SQL with a ? for every value and none of the values in the text', () => {
      const query = new QueryBuilder('journeys')
        .where('input', '=', TAUTOLOGY)
        .where('status', 'IN', ['running', `paused'); DROP TABLE journeys; --`])
        .where('created_at', '>', 5)
        .where('input', 'LIKE', '%x%')
        .order('created_at', 'DESC')
        .limit(10)
        .offset(20)
        .build();
      assert.equal(
        query.sql,
        'SELECT * FROM "journeys" WHERE "input" = ? AND "status" IN (?, ?) AND "created_at" > ? AND ' +
          `"input" LIKE ? ESCAPE '\\' ORDER BY "created_at" DESC LIMIT ? OFFSET ?`,
      );
      assert.deepEqual(query.params, [
        TAUTOLOGY,
        'running',
        `paused'); DROP TABLE journeys; --`,
        5,
        '%x%',
        10,
        20,
      ]);
      assert.equal(query.sql.split('?').length - 1, query.params.length);
      assert.ok(!query.sql.includes('DROP'));
      assert.ok(!query.sql.includes(`'1'`));
    });

    it('builds a bare SELECT with no parameters and refuses to run when not attached to a store', () => {
      const builder = new QueryBuilder('stages');
      assert.deepEqual(builder.build(), { sql: 'SELECT * FROM "stages"', params: [] });
      expectStoreError(() => builder.all(), 'INVALID_INPUT', /not attached/);
    });
  });

  describe('names come only from the allow-list', () => {
    const hostileColumns = [
      'status; DROP TABLE journeys',
      'id) OR 1=1 --',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '"status"',
      'status ',
      'STATUS',
      '*',
      '',
      'rowid',
      'content',
    ];

    for (const column of hostileColumns) {
      it(`refuses the column ${JSON.stringify(column)} in where and order, and the tables remain`, () => {
        expectStoreError(
          () => store.select('journeys').where(column as never, '=', 'x' as never),
          'INVALID_INPUT',
          /Unknown column/,
        );
        expectStoreError(
          () => store.select('journeys').order(column as never),
          'INVALID_INPUT',
          /Unknown column/,
        );
        expectStoreError(
          () => new QueryBuilder('journeys').where(column as never, 'IN', [] as never),
          'INVALID_INPUT',
        );
        assertTablesIntact();
      });
    }

    it('refuses columns that are not strings', () => {
      for (const column of [undefined, null, 1, {}, ['id']]) {
        expectStoreError(
          () => store.select('journeys').where(column as never, '=', 'x' as never),
          'INVALID_INPUT',
        );
      }
    });

    it('refuses unknown or hostile table names', () => {
      for (const table of [
        'journeys; DROP TABLE journeys',
        'journeys"',
        'sqlite_master',
        'artifacts_fts',
        '__proto__',
        'constructor',
        'toString',
        'JOURNEYS',
        '',
      ]) {
        expectStoreError(() => store.select(table as never), 'INVALID_INPUT', /Unknown table/);
        expectStoreError(() => new QueryBuilder(table as never), 'INVALID_INPUT', /Unknown table/);
      }
      assertTablesIntact();
    });

    it('refuses unknown or hostile operators', () => {
      for (const operator of [
        'OR 1=1 --',
        '= ? OR 1=1 --',
        'GLOB',
        'like',
        'IS',
        '==',
        '',
        '; DROP TABLE journeys',
      ]) {
        expectStoreError(
          () => store.select('journeys').where('status', operator as never, 'x' as never),
          'INVALID_INPUT',
          /operator/,
        );
      }
      assertTablesIntact();
    });

    it('refuses unknown or hostile sort directions', () => {
      for (const direction of ['DESC; DROP TABLE journeys', 'asc', 'desc', 'DESC --', '', 'RANDOM()']) {
        expectStoreError(
          () => store.select('journeys').order('created_at', direction as never),
          'INVALID_INPUT',
          /direction/,
        );
      }
      assertTablesIntact();
    });

    it('refuses values that are not text, numbers or null', () => {
      for (const value of [{}, [], true, undefined, () => 1]) {
        expectStoreError(
          () => store.select('journeys').where('status', '=', value as never),
          'INVALID_INPUT',
          /text, a number or null/,
        );
      }
    });
  });

  describe('limit and offset', () => {
    it('refuses negative, fractional, non-finite and non-numeric counts', () => {
      const cases: Array<[string, () => unknown]> = [
        ['limit(-1)', () => store.select('journeys').limit(-1)],
        ['limit(1.5)', () => store.select('journeys').limit(1.5)],
        ['limit(NaN)', () => store.select('journeys').limit(Number.NaN)],
        ['limit(Infinity)', () => store.select('journeys').limit(Number.POSITIVE_INFINITY)],
        ['limit("5")', () => store.select('journeys').limit('5' as never)],
        ['limit(huge)', () => store.select('journeys').limit(1e9)],
        ['offset(-3)', () => store.select('journeys').offset(-3)],
        ['offset(0.5)', () => store.select('journeys').offset(0.5)],
        ['offset(NaN)', () => store.select('journeys').offset(Number.NaN)],
      ];
      for (const [name, run] of cases) {
        const error = expectStoreError(run, 'INVALID_INPUT');
        assert.match(error.message, /limit|offset/, name);
      }
    });

    it('accepts zero: limit(0) returns nothing, offset(0) skips nothing', () => {
      assert.deepEqual(store.select('journeys').limit(0).all(), []);
      assert.equal(store.select('journeys').offset(0).all().length, 5);
    });
  });
});
