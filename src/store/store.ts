import { statSync } from 'node:fs';
import type { Statement } from 'better-sqlite3';
import { ArtifactRepository } from './artifacts';
import { checkDatabase, rebuildSearchIndexes, type CheckReport } from './check';
import { closeDatabase, openDatabase, sqliteVersion, totalChanges, type SqliteDatabase } from './database';
import { isSqliteError, StoreError, toStoreError } from './errors';
import { parseExchangeDocument, type ExchangeDocument } from './exchange';
import { JourneyRepository } from './journeys';
import { LATEST_VERSION } from './migrations/index';
import { currentVersion, migrate, type MigrationReport } from './migrations/migrator';
import { QueryBuilder, type Scalar, type TableName } from './queryBuilder';
import { Searcher, type SearchOptions, type SearchResult } from './search';
import { StageRepository } from './stages';
import { exportDocument, importDocument, type ImportReport } from './transfer';
import type { JourneyStatus } from './types';

export interface OpenStoreOptions {
  /** Read-only connection (e.g. for a search worker): no migration, no writes. */
  readonly?: boolean;
  busyTimeoutMs?: number;
  /** Receives one line per thing the store did (opened, migrated, adopted). */
  log?: (message: string) => void;
}

export interface StoreStatus {
  path: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  journalMode: string;
  sqliteVersion: string;
  counts: { journeys: number; stages: number; artifacts: number };
  journeysByStatus: Record<JourneyStatus, number>;
  fileBytes: number;
}

const STATEMENT_CACHE_SIZE = 64;

/**
 * The repositories run better-sqlite3 statements directly; this turns what they throw (SQLITE_BUSY when another
 * program holds the lock, SQLITE_READONLY, ...) into StoreErrors with a sentence, as every other entry point does.
 */
function withStoreErrors<T extends object>(repository: T): T {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        try {
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          throw toStoreError(error);
        }
      };
    },
  });
}

/** The Perpetua store: one SQLite connection with its repositories, search and maintenance. Synchronous. */
export class Store {
  readonly journeys: JourneyRepository;
  readonly stages: StageRepository;
  readonly artifacts: ArtifactRepository;
  private readonly searcher: Searcher;
  private readonly statements = new Map<string, Statement>();
  private readonly dataVersionStatement: Statement;
  /** Changes counted by SQLite that wrote nothing (FTS5 integrity checks); see close(). */
  private changesThatWroteNothing = 0;
  /** Writes SQLite does not count as changes (VACUUM); see close(). */
  private wroteWithoutChanges = false;

  private constructor(
    readonly path: string,
    private readonly db: SqliteDatabase,
    /** What opening did to the schema (migrations, adoption of an older database). */
    readonly openReport: MigrationReport | undefined,
  ) {
    this.journeys = withStoreErrors(new JourneyRepository(db));
    this.stages = withStoreErrors(new StageRepository(db));
    this.artifacts = withStoreErrors(new ArtifactRepository(db));
    this.searcher = new Searcher(db);
    this.dataVersionStatement = db.prepare('PRAGMA data_version');
  }

  static open(path: string, options: OpenStoreOptions = {}): Store {
    const log = options.log ?? (() => undefined);
    const db = openDatabase(path, options);
    try {
      let report: MigrationReport | undefined;
      if (!options.readonly) {
        report = migrate(db, { path, log });
      } else if (currentVersion(db) !== LATEST_VERSION) {
        throw new StoreError(
          'SCHEMA_MISMATCH',
          `The database is at schema version ${currentVersion(db)}; open it for writing once to upgrade it.`,
        );
      }
      log(`Opened ${path} (schema version ${LATEST_VERSION}${options.readonly ? ', read-only' : ''}).`);
      return new Store(path, db, report);
    } catch (error) {
      closeDatabase(db);
      throw toStoreError(error, `opening ${path}`);
    }
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Runs `fn` in one transaction (IMMEDIATE, so it never fails half-way on a lock upgrade). Not async. */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      // The caller's own errors pass through as they are; only SQLite's get a sentence.
      throw isSqliteError(error) ? toStoreError(error) : error;
    }
  }

  search(query: string, options?: SearchOptions): SearchResult {
    return this.searcher.search(query, options);
  }

  /** A typed, allow-listed SELECT on one table. */
  select<T extends TableName>(table: T): QueryBuilder<T> {
    return new QueryBuilder(table, (sql: string, params: readonly Scalar[]) =>
      this.cached(sql).all(...params),
    );
  }

  private cached(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        this.statements.delete(this.statements.keys().next().value!);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }

  /** Changes whenever another connection commits (cheap; used to notice writes by other programs). */
  dataVersion(): number {
    return (this.dataVersionStatement.get() as { data_version: number }).data_version;
  }

  schemaVersion(): number {
    return currentVersion(this.db);
  }

  status(): StoreStatus {
    const count = (table: TableName) =>
      (this.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    let fileBytes = 0;
    try {
      fileBytes = this.path === ':memory:' ? 0 : statSync(this.path).size;
    } catch {
      fileBytes = 0;
    }
    return {
      path: this.path,
      schemaVersion: this.schemaVersion(),
      latestSchemaVersion: LATEST_VERSION,
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      sqliteVersion: sqliteVersion(this.db),
      counts: { journeys: count('journeys'), stages: count('stages'), artifacts: count('artifacts') },
      journeysByStatus: this.journeys.countByStatusMap(),
      fileBytes,
    };
  }

  check(): CheckReport {
    // FTS5's integrity check is an INSERT that writes nothing but counts as a change: not a reason to
    // checkpoint on close (see closeDatabase).
    const before = totalChanges(this.db);
    try {
      return checkDatabase(this.db);
    } finally {
      this.changesThatWroteNothing += totalChanges(this.db) - before;
    }
  }

  rebuildSearchIndexes(): void {
    rebuildSearchIndexes(this.db);
  }

  /** Validates the whole document first (naming the first bad value), then writes all of it or nothing. */
  importJson(source: unknown): ImportReport {
    const doc = parseExchangeDocument(source);
    try {
      return importDocument(this.db, doc);
    } catch (error) {
      throw toStoreError(error, 'importing');
    }
  }

  exportJson(journeyIds: readonly string[] = []): ExchangeDocument {
    return exportDocument(this.db, journeyIds);
  }

  /** Copies the database into a new file with VACUUM INTO (a consistent snapshot, even while others write). */
  backupTo(target: string): void {
    this.db.prepare('VACUUM INTO ?').run(target);
  }

  vacuum(): void {
    this.db.exec('VACUUM');
    this.wroteWithoutChanges = true;
  }

  /** Checkpoints the WAL (truncating it if this store wrote) and closes. Safe to call twice. */
  close(): void {
    this.statements.clear();
    closeDatabase(this.db, {
      changesThatWroteNothing: this.changesThatWroteNothing,
      wroteWithoutChanges: this.wroteWithoutChanges,
    });
  }
}

export function openStore(path: string, options?: OpenStoreOptions): Store {
  return Store.open(path, options);
}

/**
 * Moves a database's schema up or down to `to` (default: the latest) without opening the repositories,
 * which need the latest schema. For `perpetua migrate --to N` and tests.
 */
export function migrateDatabase(
  path: string,
  options: { to?: number; busyTimeoutMs?: number; log?: (message: string) => void } = {},
): MigrationReport {
  const db = openDatabase(
    path,
    options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs },
  );
  try {
    const migrateOptions: { path: string; to?: number; log?: (message: string) => void } = { path };
    if (options.to !== undefined) migrateOptions.to = options.to;
    if (options.log) migrateOptions.log = options.log;
    return migrate(db, migrateOptions);
  } catch (error) {
    throw toStoreError(error, 'migrating');
  } finally {
    closeDatabase(db);
  }
}
