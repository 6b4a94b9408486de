import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import Database from 'better-sqlite3';
import { StoreError, type StoreErrorCode } from '../../src/store';

// Looks at database files from outside the store: raw reads, file fingerprints, the FTS5 self-check.

/** sha256 of the file's bytes, to prove a refused open wrote nothing. */
export function fingerprint(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The .db bytes plus whether a WAL or journal file appeared next to it. */
export function fileState(path: string): { sha256: string; wal: boolean; shm: boolean; journal: boolean } {
  return {
    sha256: fingerprint(path),
    wal: existsSync(`${path}-wal`),
    shm: existsSync(`${path}-shm`),
    journal: existsSync(`${path}-journal`),
  };
}

/** Runs `fn` on a raw connection (a second program's view of the file) and closes it. */
export function withRaw<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * FTS5's integrity check with rank = 1, which compares the index with its content table (the plain form does
 * not notice stale entries). Returns the error code, or undefined when the index is sound.
 */
export function ftsProblem(db: Database.Database, table: 'artifacts_fts' | 'stages_fts'): string | undefined {
  try {
    db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES('integrity-check', 1)`).run();
    return undefined;
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error);
  }
}

export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(name) !== undefined;
}

/** Asserts every FTS index present in the file passes the rank = 1 check. */
export function assertFtsSound(path: string): void {
  withRaw(path, (db) => {
    for (const table of ['artifacts_fts', 'stages_fts'] as const) {
      if (hasTable(db, table)) assert.equal(ftsProblem(db, table), undefined, `${table} is out of sync`);
    }
  });
}

export type Row = Record<string, unknown>;

/** The rows of a table as stored, for comparing before and after; ordered by id. */
export function readRows(db: Database.Database, table: string, columns: readonly string[]): Row[] {
  return db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY id`).all() as Row[];
}

export const JOURNEY_COLUMNS = ['id', 'input', 'status', 'settings', 'created_at', 'updated_at'] as const;
/** Columns the seed's schema (and version 1) has; version 2 adds seq and updated_at. */
export const STAGE_COLUMNS = [
  'id',
  'journey_id',
  'type',
  'status',
  'prompt',
  'result',
  'thinking',
  'created_at',
] as const;
export const ARTIFACT_COLUMNS = [
  'id',
  'stage_id',
  'type',
  'title',
  'content',
  'metadata',
  'created_at',
] as const;

export interface Snapshot {
  journeys: Row[];
  stages: Row[];
  artifacts: Row[];
}

export function snapshot(db: Database.Database): Snapshot {
  return {
    journeys: readRows(db, 'journeys', JOURNEY_COLUMNS),
    stages: readRows(db, 'stages', STAGE_COLUMNS),
    artifacts: readRows(db, 'artifacts', ARTIFACT_COLUMNS),
  };
}

export function schemaVersionOf(db: Database.Database): number {
  if (!hasTable(db, 'migrations')) return 0;
  return (db.prepare('SELECT coalesce(max(version), 0) AS v FROM migrations').get() as { v: number }).v;
}

/** Writes to the same file behind the store's back, as another program (or a bug) could. */
export function rawExec(path: string, sql: string): void {
  withRaw(path, (db) => db.exec(sql));
}

/** Asserts `fn` throws a StoreError with `code` (and a message matching `message`) and returns it. */
export function expectStoreError(fn: () => unknown, code: StoreErrorCode, message?: RegExp): StoreError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown !== undefined, `expected a StoreError ${code}, but nothing was thrown`);
  assert.ok(thrown instanceof StoreError, `expected a StoreError ${code}, got ${inspect(thrown)}`);
  assert.equal(thrown.code, code, thrown.message);
  if (message) assert.match(thrown.message, message);
  return thrown;
}

/** A person-readable sentence: starts with a capital, ends with a full stop, no raw SQLite codes. */
export function assertSentence(message: string): void {
  assert.match(message, /^[A-Z].*[.!]$/s, `not a sentence: ${message}`);
  assert.doesNotMatch(message, /SQLITE_[A-Z]/, `raw SQLite code in: ${message}`);
}
