import type { Database } from 'better-sqlite3';
import { StoreError } from '../errors';
import { V1_FTS, V1_INDEXES } from './sql';

/** How a database made by the seed's code came to be: `initializeSchema()` alone, or `runMigrations()`. */
export type SeedOrigin = 'initializeSchema' | 'runMigrations';

export interface AdoptionReport {
  origin: SeedOrigin;
  /** Stages whose journey was deleted while the seed's cascade did not work. */
  orphanStagesRemoved: number;
  /** Artifacts whose stage (or the stage's journey) was deleted. */
  orphanArtifactsRemoved: number;
  /** Whether the old full-text index failed its integrity check before it was rebuilt. */
  ftsWasCorrupt: boolean;
  kept: { journeys: number; stages: number; artifacts: number };
  /** One sentence per thing done, for logs and the CLI. */
  actions: string[];
}

const SEED_COLUMNS: Record<string, readonly string[]> = {
  journeys: ['id', 'input', 'status', 'settings', 'created_at', 'updated_at'],
  stages: ['id', 'journey_id', 'type', 'status', 'prompt', 'result', 'thinking', 'created_at'],
  artifacts: ['id', 'stage_id', 'type', 'title', 'content', 'metadata', 'created_at'],
};

function tableNames(db: Database): Set<string> {
  const rows = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

function triggerSql(db: Database, name: string): string | undefined {
  const row = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(name) as
    { sql: string } | undefined;
  return row?.sql;
}

/** The seed's delete trigger ran a plain DELETE on the external-content FTS table; ours uses the 'delete' command. */
function hasSeedTriggers(db: Database): boolean {
  const ad = triggerSql(db, 'artifacts_ad');
  const au = triggerSql(db, 'artifacts_au');
  if (ad === undefined || au === undefined) return true;
  return /DELETE\s+FROM\s+artifacts_fts/i.test(ad) || /UPDATE\s+artifacts_fts/i.test(au);
}

export function detectSeedDatabase(db: Database): SeedOrigin | undefined {
  const tables = tableNames(db);
  if (!tables.has('journeys')) return undefined;
  if (!tables.has('migrations')) return 'initializeSchema';
  const rows = db.prepare('SELECT version, name FROM migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
  if (rows.length === 1 && rows[0]!.version === 1 && hasSeedTriggers(db)) return 'runMigrations';
  return undefined;
}

function count(db: Database, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

function ftsIsHealthy(db: Database): boolean {
  try {
    db.exec(`INSERT INTO artifacts_fts(artifacts_fts, rank) VALUES ('integrity-check', 1)`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes over a database made by the seed's code: repairs the FTS triggers, removes rows orphaned by deletes
 * whose cascade never ran (what the user's delete meant), rebuilds the index and records version 1.
 * Every row that belongs to a journey is kept. One transaction: on any error nothing changes.
 */
export function adoptSeedDatabase(
  db: Database,
  origin: SeedOrigin,
  log: (message: string) => void,
): AdoptionReport {
  const tables = tableNames(db);
  for (const [table, columns] of Object.entries(SEED_COLUMNS)) {
    if (!tables.has(table)) {
      throw new StoreError(
        'SCHEMA_MISMATCH',
        `This database has a "journeys" table but no "${table}" table; it was not changed.`,
      );
    }
    const present = new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
    const missing = columns.filter((c) => !present.has(c));
    if (missing.length > 0) {
      throw new StoreError(
        'SCHEMA_MISMATCH',
        `The "${table}" table lacks the column(s) ${missing.join(', ')}; this is not a Perpetua database. It was not changed.`,
      );
    }
  }

  const hadFts = tables.has('artifacts_fts');
  const ftsWasCorrupt = hadFts ? !ftsIsHealthy(db) : false;
  const actions: string[] = [];

  const report = db
    .transaction((): AdoptionReport => {
      db.exec(`
        DROP TRIGGER IF EXISTS artifacts_ai;
        DROP TRIGGER IF EXISTS artifacts_ad;
        DROP TRIGGER IF EXISTS artifacts_au;
        DROP TABLE IF EXISTS artifacts_fts;
      `);
      actions.push('Replaced the full-text triggers, which left stale index entries, with correct ones.');

      const orphanArtifactsRemoved = db
        .prepare(
          `DELETE FROM artifacts WHERE stage_id NOT IN (
             SELECT s.id FROM stages s JOIN journeys j ON j.id = s.journey_id)`,
        )
        .run().changes;
      const orphanStagesRemoved = db
        .prepare('DELETE FROM stages WHERE journey_id NOT IN (SELECT id FROM journeys)')
        .run().changes;
      if (orphanStagesRemoved + orphanArtifactsRemoved > 0) {
        actions.push(
          `Removed ${orphanStagesRemoved} stage(s) and ${orphanArtifactsRemoved} artifact(s) left behind by journeys deleted earlier (the old version did not cascade deletes).`,
        );
      }

      db.exec(V1_INDEXES + V1_FTS);
      db.exec(`INSERT INTO artifacts_fts(artifacts_fts) VALUES ('rebuild')`);
      actions.push(
        ftsWasCorrupt
          ? 'Rebuilt the full-text index, which was corrupt.'
          : 'Rebuilt the full-text index from the artifacts.',
      );

      db.exec(`CREATE TABLE IF NOT EXISTS migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      )`);
      db.prepare(
        `INSERT OR IGNORE INTO migrations (version, name, applied_at) VALUES (1, 'initial_schema', ?)`,
      ).run(Date.now());
      actions.push('Recorded schema version 1.');

      return {
        origin,
        orphanStagesRemoved,
        orphanArtifactsRemoved,
        ftsWasCorrupt,
        kept: {
          journeys: count(db, 'SELECT count(*) AS n FROM journeys'),
          stages: count(db, 'SELECT count(*) AS n FROM stages'),
          artifacts: count(db, 'SELECT count(*) AS n FROM artifacts'),
        },
        actions,
      };
    })
    .immediate();

  log(
    `Adopted a database made by an earlier Perpetua (${origin}()): kept ${report.kept.journeys} journeys, ${report.kept.stages} stages, ${report.kept.artifacts} artifacts.`,
  );
  for (const action of actions) log(action);
  return report;
}
