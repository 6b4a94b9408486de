import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError, toStoreError } from './errors';
import { assertKnownHistory } from './migrations/migrator';

export type SqliteDatabase = BetterSqlite3.Database;

export interface OpenDatabaseOptions {
  /** Open without writing anything: no WAL switch, no migrations. */
  readonly?: boolean;
  /** How long to wait for another connection's write lock, in ms. */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 3000;
const MIN_NODE_MAJOR = 22;

let driver: typeof BetterSqlite3 | undefined;

/** Loads better-sqlite3 on first use, so a missing or mismatched binary becomes a clear error, not a crash at load. */
function loadDriver(): typeof BetterSqlite3 {
  if (driver) return driver;
  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_NODE_MAJOR) {
    // better-sqlite3 13 segfaults on older Node instead of throwing, so refuse before loading it.
    throw new StoreError(
      'NATIVE_MODULE',
      `Perpetua's database driver needs Node ${MIN_NODE_MAJOR} or newer; this is Node ${process.versions.node}.`,
    );
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    driver = require('better-sqlite3') as typeof BetterSqlite3;
    return driver;
  } catch (error) {
    throw new StoreError(
      'NATIVE_MODULE',
      `Perpetua's database driver (better-sqlite3) could not be loaded on ${process.platform}-${process.arch}.`,
      String(error),
      { cause: error },
    );
  }
}

export function sqliteVersion(db: SqliteDatabase): string {
  return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
}

/**
 * Opens a connection and sets it up: busy timeout first (another program may hold the file), then a read
 * that proves the file is a SQLite database and that its schema is not newer than ours (nothing written yet),
 * then WAL, synchronous=NORMAL and foreign keys.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const Database = loadDriver();
  // better-sqlite3 reports a missing folder as a plain TypeError, which would otherwise read as INTERNAL.
  if (path !== ':memory:' && path !== '' && !existsSync(dirname(path))) {
    throw new StoreError(
      'CANNOT_OPEN',
      `The database file cannot be opened: the folder ${dirname(path)} does not exist.`,
    );
  }
  let db: SqliteDatabase;
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (error) {
    throw toStoreError(error, `opening ${path}`);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    assertKnownHistory(db, path);
    if (!options.readonly && path !== ':memory:') {
      const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
      if (mode !== 'wal') {
        throw new StoreError(
          'CANNOT_OPEN',
          `The database could not switch to WAL mode (it reports "${mode}").`,
        );
      }
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(error, `opening ${path}`);
  }
}

/** Rows this connection has inserted, updated or deleted since it opened (SQLite's total_changes()). */
export function totalChanges(db: SqliteDatabase): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

/**
 * Checkpoints the WAL into the main file (so copying the .db alone is safe) and closes. A connection that
 * wrote also truncates the WAL. One that only read copies what is there (PASSIVE) without resetting the
 * WAL: a reset moves every other connection's `PRAGMA data_version`, so a CLI that only read would make the
 * extension refresh as if something had been written.
 */
export function closeDatabase(
  db: SqliteDatabase,
  options: { changesThatWroteNothing?: number; wroteWithoutChanges?: boolean } = {},
): void {
  if (!db.open) return;
  try {
    if (!db.readonly) {
      const wrote =
        options.wroteWithoutChanges === true || totalChanges(db) > (options.changesThatWroteNothing ?? 0);
      db.pragma(wrote ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
    }
  } catch {
    // A checkpoint only tidies: the WAL stays valid, and the next connection to write or close finishes it.
  } finally {
    db.close();
  }
}
