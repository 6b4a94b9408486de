import type { SqliteDatabase } from './database';
import { isValidJsonObject } from './json';

export interface CheckReport {
  ok: boolean;
  /** Each a sentence; any problem makes `ok` false. */
  problems: string[];
  /** Worth knowing, harmless to data (e.g. unreadable JSON that listings replace with defaults). */
  warnings: string[];
}

const FTS_TABLES = ['artifacts_fts', 'stages_fts'] as const;

/** SQLite's own integrity check, foreign keys, and the FTS5 check that compares the index with its content. */
export function checkDatabase(db: SqliteDatabase): CheckReport {
  const problems: string[] = [];
  const warnings: string[] = [];

  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  for (const row of integrity)
    if (row.integrity_check !== 'ok') problems.push(`SQLite integrity: ${row.integrity_check}`);

  const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (fk.length > 0) {
    const byTable = new Map<string, number>();
    for (const r of fk)
      byTable.set(`${r.table}→${r.parent}`, (byTable.get(`${r.table}→${r.parent}`) ?? 0) + 1);
    for (const [pair, n] of byTable)
      problems.push(`${n} row(s) in ${pair.replace('→', ' point to a missing ')}`);
  }

  const tables = new Set(
    (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  for (const fts of FTS_TABLES) {
    if (!tables.has(fts)) continue;
    try {
      // rank = 1 compares the index with the content table; the plain form does not catch stale entries.
      db.prepare(`INSERT INTO ${fts}(${fts}, rank) VALUES ('integrity-check', 1)`).run();
    } catch (error) {
      problems.push(
        `Full-text index ${fts} does not match its table (${(error as Error).message}); run "perpetua check --repair".`,
      );
    }
  }

  const badSettings = db.prepare('SELECT id, settings FROM journeys').all() as {
    id: string;
    settings: string;
  }[];
  const settingsIds = badSettings.filter((r) => !isValidJsonObject(r.settings)).map((r) => r.id);
  if (settingsIds.length > 0) {
    warnings.push(
      `${settingsIds.length} journey(s) have unreadable settings (shown with defaults): ${settingsIds.slice(0, 5).join(', ')}`,
    );
  }
  const metadataRows = db.prepare('SELECT id, metadata FROM artifacts').iterate() as IterableIterator<{
    id: string;
    metadata: string | null;
  }>;
  const metadataIds: string[] = [];
  for (const r of metadataRows) if (!isValidJsonObject(r.metadata)) metadataIds.push(r.id);
  if (metadataIds.length > 0) {
    warnings.push(
      `${metadataIds.length} artifact(s) have unreadable metadata (shown as empty): ${metadataIds.slice(0, 5).join(', ')}`,
    );
  }
  return { ok: problems.length === 0, problems, warnings };
}

/** Rebuilds both full-text indexes from their tables. */
export function rebuildSearchIndexes(db: SqliteDatabase): void {
  db.transaction(() => {
    for (const fts of FTS_TABLES) db.prepare(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`).run();
  }).immediate();
}
