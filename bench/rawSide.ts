// The baseline: the same schema (made by openStore, then closed) driven by plain better-sqlite3 with the
// statements a competent hand-written version would cache. No validation, no windowed ranking.
import Database from 'better-sqlite3';
import { openStore } from '../src/store/index';
import type { GeneratedJourney } from './corpus';
import type { Side } from './side';

/** The usual hand-written FTS5 quoting: every word a string, phrases kept, a trailing * a prefix. */
function ftsExpression(text: string): string {
  const terms = text.match(/"[^"]*"|\S+/g) ?? [];
  return terms
    .map((t) => {
      if (t.startsWith('"')) return t;
      const prefix = t.endsWith('*');
      const word = t.replace(/\*+$/, '').replace(/"/g, '""');
      return `"${word}"${prefix ? ' *' : ''}`;
    })
    .join(' AND ');
}

interface Statements {
  insertJourney: Database.Statement;
  insertStage: Database.Statement;
  insertArtifact: Database.Statement;
  search: Database.Statement;
  page: Database.Statement;
  pageAfter: Database.Statement;
  journey: Database.Statement;
  stagesOf: Database.Statement;
  artifactsOf: Database.Statement;
  stageSummaries: Database.Statement;
  artifactSummaries: Database.Statement;
  deleteJourney: Database.Statement;
}

const JOURNEY_SUMMARY = `SELECT j.*,
  (SELECT count(*) FROM stages s WHERE s.journey_id = j.id) AS stage_count,
  (SELECT count(*) FROM stages s JOIN artifacts a ON a.stage_id = s.id WHERE s.journey_id = j.id) AS artifact_count
  FROM journeys j`;

interface JourneyRow {
  id: string;
  input: string;
  status: string;
  settings: string;
  created_at: number;
  updated_at: number;
  stage_count?: number;
  artifact_count?: number;
}

/** The row as the object a caller wants: camelCase, settings parsed. */
function journey(r: JourneyRow) {
  return {
    id: r.id,
    input: r.input,
    status: r.status,
    settings: JSON.parse(r.settings) as unknown,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    stageCount: r.stage_count,
    artifactCount: r.artifact_count,
  };
}

function prepare(db: Database.Database): Statements {
  return {
    insertJourney: db.prepare(
      `INSERT INTO journeys (id, input, status, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    insertStage: db.prepare(
      `INSERT INTO stages (id, journey_id, type, status, prompt, result, thinking, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertArtifact: db.prepare(
      `INSERT INTO artifacts (id, stage_id, type, title, content, metadata, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // LIMIT CAST(? …): a bare LIMIT parameter makes SQLite re-prepare the statement on every run (STAT4
    // build); the store avoids that, so the raw side does too (docs/performance.md).
    search: db.prepare(
      `SELECT a.id, a.title, a.type, s.id AS stage_id, s.type AS stage_type, j.id AS journey_id,
              j.input AS journey_input, j.status AS journey_status, f.rank AS score,
              snippet(artifacts_fts, 1, char(2), char(3), '…', 24) AS snippet
       FROM artifacts_fts f JOIN artifacts a ON a.seq = f.rowid JOIN stages s ON s.id = a.stage_id
       JOIN journeys j ON j.id = s.journey_id
       WHERE artifacts_fts MATCH ? AND rank MATCH 'bm25(10.0, 1.0)' ORDER BY rank LIMIT CAST(? AS INTEGER)`,
    ),
    page: db.prepare(`${JOURNEY_SUMMARY} ORDER BY j.created_at DESC, j.id DESC LIMIT 51`),
    pageAfter: db.prepare(
      `${JOURNEY_SUMMARY} WHERE (j.created_at, j.id) < (?, ?) ORDER BY j.created_at DESC, j.id DESC LIMIT 51`,
    ),
    journey: db.prepare('SELECT * FROM journeys WHERE id = ?'),
    stagesOf: db.prepare('SELECT * FROM stages WHERE journey_id = ? ORDER BY created_at, seq'),
    artifactsOf: db.prepare(
      `SELECT a.id, a.stage_id, a.type, a.title, a.metadata, octet_length(a.content) AS content_bytes,
              a.created_at, a.updated_at
       FROM stages s JOIN artifacts a ON a.stage_id = s.id WHERE s.journey_id = ? ORDER BY a.created_at, a.seq`,
    ),
    stageSummaries: db.prepare(
      `SELECT s.id, s.journey_id, s.type, s.status, substr(s.prompt, 1, 400) AS prompt_head, s.created_at,
              (SELECT count(*) FROM artifacts a WHERE a.stage_id = s.id) AS artifact_count
       FROM stages s WHERE s.journey_id = ? ORDER BY s.created_at, s.seq`,
    ),
    artifactSummaries: db.prepare(
      `SELECT id, stage_id, type, title, metadata, octet_length(content) AS content_bytes, created_at, updated_at
       FROM artifacts WHERE stage_id = ? ORDER BY created_at, seq`,
    ),
    deleteJourney: db.prepare('DELETE FROM journeys WHERE id = ?'),
  };
}

export class RawSide implements Side {
  private db!: Database.Database;
  private sql!: Statements;
  /** Three reads in one transaction, so the stages and artifacts belong to the same moment. */
  private readJourney!: (journeyId: string) => number;

  constructor(private readonly path: string) {
    openStore(path).close();
    this.reopen();
  }

  reopen(): void {
    this.db = new Database(this.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.sql = prepare(this.db);
    this.readJourney = this.db.transaction((id: string) => this.readJourneyRows(id));
  }

  close(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  insertBatch(journeys: readonly GeneratedJourney[]): void {
    const { insertJourney, insertStage, insertArtifact } = this.sql;
    this.db.transaction(() => {
      for (const j of journeys) {
        insertJourney.run(j.id, j.input, j.status, JSON.stringify(j.settings), j.createdAt, j.createdAt);
        for (const s of j.stages) {
          insertStage.run(
            s.id,
            j.id,
            s.type,
            s.status,
            s.prompt,
            s.result,
            s.thinking ?? null,
            s.createdAt,
            s.createdAt,
          );
          for (const a of s.artifacts) {
            insertArtifact.run(
              a.id,
              s.id,
              a.type,
              a.title,
              a.content,
              JSON.stringify(a.metadata),
              a.createdAt,
              a.createdAt,
            );
          }
        }
      }
    })();
  }

  searchArtifacts(text: string, limit: number): string[] {
    const rows = this.sql.search.all(ftsExpression(text), limit) as { id: string; snippet: string }[];
    return rows.map((r) => r.id);
  }

  private page(rows: JourneyRow[]): { count: number; last?: JourneyRow } {
    const items = rows.slice(0, 50).map(journey);
    return { count: items.length, last: rows.length > 50 ? rows[49] : undefined };
  }

  journeyPage(): number {
    return this.page(this.sql.page.all() as JourneyRow[]).count;
  }

  deepJourneyPage(pages: number): () => number {
    let last: JourneyRow | undefined;
    for (let i = 0; i < pages; i++) {
      const rows = (
        last ? this.sql.pageAfter.all(last.created_at, last.id) : this.sql.page.all()
      ) as JourneyRow[];
      last = this.page(rows).last;
    }
    const cursor = last;
    return () =>
      this.page(
        (cursor ? this.sql.pageAfter.all(cursor.created_at, cursor.id) : this.sql.page.all()) as JourneyRow[],
      ).count;
  }

  getWithStages(journeyId: string): number {
    return this.readJourney(journeyId);
  }

  private readJourneyRows(journeyId: string): number {
    const row = this.sql.journey.get(journeyId) as JourneyRow | undefined;
    if (!row) return 0;
    const stages = (this.sql.stagesOf.all(journeyId) as { id: string }[]).map((s) => ({
      ...s,
      artifacts: [] as unknown[],
    }));
    const byId = new Map(stages.map((s) => [s.id, s]));
    for (const a of this.sql.artifactsOf.all(journeyId) as { stage_id: string; metadata: string }[]) {
      byId.get(a.stage_id)?.artifacts.push({ ...a, metadata: JSON.parse(a.metadata) as unknown });
    }
    const result = { ...journey(row), stages };
    return result.stages.length;
  }

  stageSummaries(journeyId: string): number {
    const rows = this.sql.stageSummaries.all(journeyId) as { prompt_head: string | null }[];
    return rows.map((r) => ({ ...r, prompt_head: (r.prompt_head ?? '').split('\n', 1)[0]!.slice(0, 200) }))
      .length;
  }

  artifactSummaries(stageId: string): number {
    const rows = this.sql.artifactSummaries.all(stageId) as { metadata: string }[];
    return rows.map((r) => ({ ...r, metadata: JSON.parse(r.metadata) as unknown })).length;
  }

  deleteJourney(journeyId: string): void {
    this.sql.deleteJourney.run(journeyId);
  }
}
