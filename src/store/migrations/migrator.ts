import type { Database } from 'better-sqlite3';
import { StoreError } from '../errors';
import { adoptSeedDatabase, detectSeedDatabase, type AdoptionReport } from './adoption';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './index';

export interface MigrationStep {
  version: number;
  name: string;
  direction: 'up' | 'down';
}

export interface MigrationReport {
  from: number;
  to: number;
  steps: MigrationStep[];
  adoption?: AdoptionReport;
}

interface AppliedRow {
  version: number;
  name: string;
}

function hasTable(db: Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/** Reads the applied migrations without writing anything (so a too-new database is left untouched). */
export function readAppliedMigrations(db: Database): AppliedRow[] {
  if (!hasTable(db, 'migrations')) return [];
  return db.prepare('SELECT version, name FROM migrations ORDER BY version').all() as AppliedRow[];
}

export function currentVersion(db: Database): number {
  const rows = readAppliedMigrations(db);
  return rows.length === 0 ? 0 : rows[rows.length - 1]!.version;
}

/** Refuses a history this code does not understand, before anything is written. */
export function assertKnownHistory(db: Database, path: string): void {
  const rows = readAppliedMigrations(db);
  for (const row of rows) {
    if (row.version > LATEST_VERSION) {
      throw new StoreError(
        'SCHEMA_TOO_NEW',
        `This database (${path}) was written by a newer Perpetua (schema version ${row.version}; this version knows up to ${LATEST_VERSION}). Update Perpetua Journey Explorer (or the perpetua CLI) to open it; the file was not changed.`,
      );
    }
    const known = MIGRATIONS.find((m) => m.version === row.version);
    if (!known || known.name !== row.name) {
      throw new StoreError(
        'SCHEMA_MISMATCH',
        `This database (${path}) records a migration this version does not know (${row.version} "${row.name}"). The file was not changed.`,
      );
    }
  }
  rows.forEach((row, index) => {
    if (row.version !== index + 1) {
      throw new StoreError(
        'SCHEMA_MISMATCH',
        `This database (${path}) has a gap in its migration history at version ${index + 1}. The file was not changed.`,
      );
    }
  });
}

function ensureMigrationsTable(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
}

/**
 * Runs one step in its own IMMEDIATE transaction with foreign keys off (tables are rebuilt), and checks
 * foreign keys before commit. Another process migrating at the same time is detected inside the lock.
 */
function runStep(db: Database, migration: Migration, direction: 'up' | 'down'): boolean {
  const expectedBefore = direction === 'up' ? migration.version - 1 : migration.version;
  db.pragma('foreign_keys = OFF');
  try {
    return db
      .transaction(() => {
        if (currentVersion(db) !== expectedBefore) return false;
        if (direction === 'up') {
          migration.up(db);
          db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
            migration.version,
            migration.name,
            Date.now(),
          );
        } else {
          migration.down(db);
          db.prepare('DELETE FROM migrations WHERE version = ?').run(migration.version);
        }
        const problems = db.pragma('foreign_key_check') as unknown[];
        if (problems.length > 0) {
          throw new StoreError(
            'INTERNAL',
            `Migration ${migration.version} (${migration.name}) would break ${problems.length} references; it was rolled back.`,
          );
        }
        return true;
      })
      .immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

export interface MigrateOptions {
  to?: number;
  path: string;
  log?: (message: string) => void;
}

export function migrate(db: Database, options: MigrateOptions): MigrationReport {
  const log = options.log ?? (() => undefined);
  const target = options.to ?? LATEST_VERSION;
  if (!Number.isInteger(target) || target < 0 || target > LATEST_VERSION) {
    throw new StoreError(
      'INVALID_INPUT',
      `Schema version must be a whole number from 0 to ${LATEST_VERSION}; got ${String(options.to)}.`,
    );
  }
  assertKnownHistory(db, options.path);
  const report: MigrationReport = { from: currentVersion(db), to: target, steps: [] };

  const seed = detectSeedDatabase(db);
  if (seed) {
    report.adoption = adoptSeedDatabase(db, seed, log);
    report.from = 0;
  }
  ensureMigrationsTable(db);

  for (;;) {
    const version = currentVersion(db);
    if (version === target) break;
    const direction = version < target ? 'up' : 'down';
    const migration = MIGRATIONS.find((m) => m.version === (direction === 'up' ? version + 1 : version))!;
    if (runStep(db, migration, direction)) {
      log(
        `Migration ${migration.version} (${migration.name}) ${direction === 'up' ? 'applied' : 'reverted'}.`,
      );
      report.steps.push({ version: migration.version, name: migration.name, direction });
    }
  }
  report.to = currentVersion(db);
  return report;
}
