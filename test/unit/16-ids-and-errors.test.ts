import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { generateId, openStore, StoreError, toStoreError, type StoreErrorCode } from '../../src/store';
import { TempDir } from '../helpers/tempStore';

/** An error shaped like the ones better-sqlite3 throws (SqliteError: message plus SQLITE_* code). */
function sqliteError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'SqliteError', code });
}

describe('ids', () => {
  it('prefixes ids with their kind and uses only lower-case letters and digits after it', () => {
    for (const prefix of ['journey', 'stage', 'artifact']) {
      const id = generateId(prefix);
      assert.match(id, new RegExp(`^${prefix}_[0-9a-z]{26}$`));
    }
  });

  it('makes 10 000 unique ids whose sorted order is their creation order', () => {
    const ids = Array.from({ length: 10_000 }, () => generateId('journey'));
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), ids);
  });

  it('sorts ids made by the repositories in creation order', () => {
    const tmp = new TempDir();
    try {
      const store = tmp.open();
      const made = Array.from({ length: 50 }, (_, i) => store.journeys.create({ input: `j${i}` }).id);
      assert.deepEqual([...made].sort(), made);
    } finally {
      tmp.dispose();
    }
  });

  // Last: it moves this bundle's id clock far ahead.
  it('keeps creation order within one millisecond and when the clock goes backwards', () => {
    const sameMs = Array.from({ length: 2_000 }, () => generateId('stage', 4_102_444_800_000));
    assert.equal(new Set(sameMs).size, sameMs.length);
    assert.deepEqual([...sameMs].sort(), sameMs);
    const later = generateId('stage', 4_102_444_800_000 - 60_000);
    assert.ok(later > sameMs[sameMs.length - 1]!, 'a clock step back does not reorder ids');
  });

  it('refuses a prefix that could break the format', () => {
    for (const prefix of ['', 'Journey', 'a_b', '1abc', 'a-b', 'a b']) {
      assert.throws(() => generateId(prefix), /Invalid id prefix/, prefix);
    }
  });
});

describe('errors', () => {
  it('carries a code, a sentence for people and technical detail', () => {
    const cause = new Error('low level');
    const error = new StoreError('NOT_FOUND', 'Journey x does not exist.', 'detail for logs', { cause });
    assert.ok(error instanceof Error);
    assert.ok(error instanceof StoreError);
    assert.equal(error.name, 'StoreError');
    assert.equal(error.code, 'NOT_FOUND');
    assert.equal(error.message, 'Journey x does not exist.');
    assert.equal(error.detail, 'detail for logs');
    assert.equal(error.cause, cause);
    assert.match(String(error), /^StoreError: Journey x does not exist\./);
  });

  const mappings: Array<[string, StoreErrorCode, RegExp]> = [
    ['SQLITE_BUSY', 'BUSY', /locked by another program/],
    ['SQLITE_BUSY_SNAPSHOT', 'BUSY', /locked/],
    ['SQLITE_LOCKED', 'BUSY', /locked/],
    ['SQLITE_CORRUPT', 'CORRUPT', /damaged/],
    ['SQLITE_CORRUPT_VTAB', 'CORRUPT', /damaged/],
    ['SQLITE_NOTADB', 'CORRUPT', /not a SQLite database/],
    ['SQLITE_READONLY', 'READ_ONLY', /read-only/],
    ['SQLITE_CANTOPEN', 'CANNOT_OPEN', /cannot be opened/],
    ['SQLITE_FULL', 'DISK_FULL', /disk is full/],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', 'NOT_FOUND', /does not exist/],
    ['SQLITE_CONSTRAINT_CHECK', 'INVALID_INPUT', /rejected/],
    ['SQLITE_IOERR', 'INTERNAL', /Unexpected database error/],
  ];

  for (const [sqliteCode, code, message] of mappings) {
    it(`maps ${sqliteCode} to ${code} with a sentence, keeping the original as cause and detail`, () => {
      const original = sqliteError(sqliteCode, 'raw driver text');
      const error = toStoreError(original, 'saving');
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, code);
      assert.match(error.message, message);
      assert.equal(error.cause, original);
      assert.ok(error.detail?.includes(sqliteCode));
      assert.ok(error.detail?.includes('raw driver text'));
      assert.ok(error.detail?.startsWith('saving: '));
    });
  }

  it('names what it was doing in the sentence', () => {
    assert.match(toStoreError(sqliteError('SQLITE_BUSY', 'x'), 'importing').message, /while importing/);
    assert.doesNotMatch(toStoreError(sqliteError('SQLITE_BUSY', 'x')).message, /while/);
  });

  it('returns a StoreError as it is and wraps anything else as INTERNAL', () => {
    const mine = new StoreError('CONFLICT', 'Changed elsewhere.');
    assert.equal(toStoreError(mine, 'saving'), mine);
    for (const thrown of [new Error('plain'), 'a string', undefined, null, 42, { code: 7 }]) {
      const error = toStoreError(thrown);
      assert.equal(error.code, 'INTERNAL');
      assert.match(error.message, /Unexpected database error/);
    }
  });

  describe('from real SQLite files', () => {
    let tmp: TempDir;
    beforeEach(() => {
      tmp = new TempDir();
    });
    afterEach(() => tmp.dispose());

    it('reports a file that is not a database as CORRUPT', () => {
      const path = tmp.file('notes.db');
      writeFileSync(path, 'These are my notes, not a database. '.repeat(200));
      assert.throws(
        () => openStore(path),
        (e: unknown) =>
          e instanceof StoreError && e.code === 'CORRUPT' && /not a SQLite database/.test(e.message),
      );
    });

    it('reports a write blocked by another program as BUSY, and the write can be retried later', () => {
      const store = tmp.open('perpetua.db', { busyTimeoutMs: 0 });
      const other = new Database(tmp.file());
      try {
        other.exec('BEGIN IMMEDIATE');
        assert.throws(
          () => store.journeys.create({ input: 'blocked' }),
          (e: unknown) => toStoreError(e).code === 'BUSY',
        );
        assert.throws(
          () => store.transaction(() => store.journeys.create({ input: 'blocked' })),
          (e: unknown) =>
            e instanceof StoreError && e.code === 'BUSY' && /locked by another program/.test(e.message),
        );
        other.exec('COMMIT');
      } finally {
        other.close();
      }
      store.journeys.create({ input: 'after' });
      assert.equal(store.journeys.count(), 1);
    });
  });
});
