import type { SqliteDatabase } from './database';
import { StoreError } from './errors';
import {
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  type ExchangeArtifact,
  type ExchangeDocument,
  type ExchangeJourney,
  type ExchangeStage,
} from './exchange';
import { parseJsonObject } from './json';
import { parseSettings, type ArtifactRow, type JourneyRow, type StageRow } from './rows';

export interface ImportReport {
  journeys: { created: number; updated: number; unchanged: number };
  stages: { created: number; updated: number; unchanged: number };
  artifacts: { created: number; updated: number; unchanged: number };
}

function tally() {
  return { created: 0, updated: 0, unchanged: 0 };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Writes a validated document in one transaction. Rows are matched by id: new ones are inserted, changed ones
 * updated in place (never INSERT OR REPLACE, which would cascade-delete children), identical ones left alone,
 * so importing the same file twice changes nothing.
 */
export function importDocument(db: SqliteDatabase, doc: ExchangeDocument): ImportReport {
  const report: ImportReport = { journeys: tally(), stages: tally(), artifacts: tally() };
  const journeyById = db.prepare('SELECT * FROM journeys WHERE id = ?');
  const stageById = db.prepare('SELECT * FROM stages WHERE id = ?');
  const artifactById = db.prepare('SELECT * FROM artifacts WHERE id = ?');
  const insertJourney = db.prepare(
    `INSERT INTO journeys (id, input, status, settings, created_at, updated_at)
     VALUES (@id, @input, @status, @settings, @createdAt, @updatedAt)`,
  );
  const updateJourney = db.prepare(
    `UPDATE journeys SET input = @input, status = @status, settings = @settings, created_at = @createdAt,
            updated_at = @updatedAt WHERE id = @id`,
  );
  const insertStage = db.prepare(
    `INSERT INTO stages (id, journey_id, type, status, prompt, result, thinking, created_at, updated_at)
     VALUES (@id, @journeyId, @type, @status, @prompt, @result, @thinking, @createdAt, @updatedAt)`,
  );
  const updateStage = db.prepare(
    `UPDATE stages SET type = @type, status = @status, prompt = @prompt, result = @result, thinking = @thinking,
            created_at = @createdAt, updated_at = @updatedAt WHERE id = @id`,
  );
  const insertArtifact = db.prepare(
    `INSERT INTO artifacts (id, stage_id, type, title, content, metadata, created_at, updated_at)
     VALUES (@id, @stageId, @type, @title, @content, @metadata, @createdAt, @updatedAt)`,
  );
  const updateArtifact = db.prepare(
    `UPDATE artifacts SET type = @type, title = @title, content = @content, metadata = @metadata,
            created_at = @createdAt, updated_at = @updatedAt WHERE id = @id`,
  );

  const writeJourney = (j: ExchangeJourney) => {
    const row = journeyById.get(j.id) as JourneyRow | undefined;
    const params = { ...j, settings: JSON.stringify(parseSettings(JSON.stringify(j.settings))) };
    if (!row) {
      insertJourney.run(params);
      report.journeys.created++;
    } else if (
      row.input !== j.input ||
      row.status !== j.status ||
      row.created_at !== j.createdAt ||
      row.updated_at !== j.updatedAt ||
      !sameJson(parseSettings(row.settings), parseSettings(params.settings))
    ) {
      updateJourney.run(params);
      report.journeys.updated++;
    } else report.journeys.unchanged++;
  };

  const writeStage = (journeyId: string, s: ExchangeStage, path: string) => {
    const row = stageById.get(s.id) as StageRow | undefined;
    const updatedAt = s.updatedAt ?? s.createdAt;
    const params = { ...s, journeyId, thinking: s.thinking ?? null, updatedAt };
    if (!row) {
      insertStage.run(params);
      report.stages.created++;
      return;
    }
    if (row.journey_id !== journeyId) {
      throw new StoreError(
        'CONFLICT',
        `Import refused at ${path}: stage ${s.id} already belongs to another journey (${row.journey_id}). Nothing was imported.`,
      );
    }
    if (
      row.type !== s.type ||
      row.status !== s.status ||
      (row.prompt ?? '') !== s.prompt ||
      (row.result ?? '') !== s.result ||
      (row.thinking ?? null) !== params.thinking ||
      row.created_at !== s.createdAt ||
      (row.updated_at ?? row.created_at) !== updatedAt
    ) {
      updateStage.run(params);
      report.stages.updated++;
    } else report.stages.unchanged++;
  };

  const writeArtifact = (stageId: string, a: ExchangeArtifact, path: string) => {
    const row = artifactById.get(a.id) as ArtifactRow | undefined;
    const updatedAt = a.updatedAt ?? a.createdAt;
    const params = { ...a, stageId, metadata: JSON.stringify(a.metadata), updatedAt };
    if (!row) {
      insertArtifact.run(params);
      report.artifacts.created++;
      return;
    }
    if (row.stage_id !== stageId) {
      throw new StoreError(
        'CONFLICT',
        `Import refused at ${path}: artifact ${a.id} already belongs to another stage (${row.stage_id}). Nothing was imported.`,
      );
    }
    if (
      row.type !== a.type ||
      row.title !== a.title ||
      row.content !== a.content ||
      !sameJson(parseJsonObject(row.metadata) ?? {}, a.metadata) ||
      row.created_at !== a.createdAt ||
      (row.updated_at ?? row.created_at) !== updatedAt
    ) {
      updateArtifact.run(params);
      report.artifacts.updated++;
    } else report.artifacts.unchanged++;
  };

  db.transaction(() => {
    doc.journeys.forEach((j, ji) => {
      writeJourney(j);
      j.stages.forEach((s, si) => {
        const stagePath = `$.journeys[${ji}].stages[${si}]`;
        writeStage(j.id, s, stagePath);
        s.artifacts.forEach((a, ai) => writeArtifact(s.id, a, `${stagePath}.artifacts[${ai}]`));
      });
    });
  }).immediate();
  return report;
}

function exportJourney(db: SqliteDatabase, row: JourneyRow): ExchangeJourney {
  const stages = db
    .prepare('SELECT * FROM stages WHERE journey_id = ? ORDER BY created_at, seq')
    .all(row.id) as StageRow[];
  const artifacts = db.prepare('SELECT * FROM artifacts WHERE stage_id = ? ORDER BY created_at, seq');
  return {
    id: row.id,
    input: row.input,
    status: row.status,
    settings: parseSettings(row.settings),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    stages: stages.map((s) => {
      const stage: ExchangeStage = {
        id: s.id,
        type: s.type,
        status: s.status,
        prompt: s.prompt ?? '',
        result: s.result ?? '',
        createdAt: s.created_at,
        updatedAt: s.updated_at ?? s.created_at,
        artifacts: (artifacts.all(s.id) as ArtifactRow[]).map((a) => ({
          id: a.id,
          type: a.type,
          title: a.title,
          content: a.content,
          metadata: parseJsonObject(a.metadata) ?? {},
          createdAt: a.created_at,
          updatedAt: a.updated_at ?? a.created_at,
        })),
      };
      if (s.thinking !== null && s.thinking !== '') stage.thinking = s.thinking;
      return stage;
    }),
  };
}

/** Exports the given journeys (all when `ids` is empty), oldest first, reading in one consistent snapshot. */
export function exportDocument(db: SqliteDatabase, ids: readonly string[] = []): ExchangeDocument {
  return db.transaction((): ExchangeDocument => {
    let rows: JourneyRow[];
    if (ids.length === 0) {
      rows = db.prepare('SELECT * FROM journeys ORDER BY created_at, id').all() as JourneyRow[];
    } else {
      const byId = db.prepare('SELECT * FROM journeys WHERE id = ?');
      rows = ids.map((id) => {
        const row = byId.get(id) as JourneyRow | undefined;
        if (!row) throw new StoreError('NOT_FOUND', `Journey ${id} does not exist; nothing was exported.`);
        return row;
      });
    }
    return {
      format: EXCHANGE_FORMAT,
      version: EXCHANGE_VERSION,
      exportedAt: new Date().toISOString(),
      journeys: rows.map((row) => exportJourney(db, row)),
    };
  })();
}
