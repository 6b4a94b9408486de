import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database';
import { StoreError } from './errors';
import { generateId } from './ids';
import {
  mapArtifactSummary,
  mapJourney,
  mapJourneySummary,
  mapStage,
  parseSettings,
  type ArtifactSummaryRow,
  type JourneyRow,
  type JourneySummaryRow,
  type StageRow,
} from './rows';
import {
  JOURNEY_STATUSES,
  type Journey,
  type JourneyListOptions,
  type JourneySettings,
  type JourneyStatus,
  type JourneySummary,
  type JourneyUpdate,
  type JourneyWithStages,
  type NewJourney,
  type Page,
  type StageWithArtifacts,
} from './types';
import {
  invalid,
  requireId,
  requireLimit,
  requireOneOf,
  requirePlainObject,
  requireText,
  requireTimestamp,
  toJsonText,
} from './validate';

export const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 50;

const SUMMARY_COLUMNS = `j.*,
  (SELECT count(*) FROM stages s WHERE s.journey_id = j.id) AS stage_count,
  (SELECT count(*) FROM stages s JOIN artifacts a ON a.stage_id = s.id WHERE s.journey_id = j.id) AS artifact_count`;

interface Cursor {
  createdAt: number;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw invalid('The page cursor is not one this store handed out.');
}

function mergeSettings(base: JourneySettings, patch: unknown, what: string): JourneySettings {
  const changes = requirePlainObject(patch, what);
  const merged = { ...base, ...changes };
  if (!Array.isArray(merged.stageTypes)) throw invalid(`${what}.stageTypes must be a list of stage types.`);
  if (typeof merged.maxStages !== 'number' || !Number.isInteger(merged.maxStages) || merged.maxStages < 1) {
    throw invalid(`${what}.maxStages must be a whole number of at least 1.`);
  }
  return merged;
}

export class JourneyRepository {
  private readonly insert: Statement;
  private readonly byId: Statement;
  private readonly summaryById: Statement;
  private readonly pageAll: Statement;
  private readonly pageAllAfter: Statement;
  private readonly pageByStatus: Statement;
  private readonly pageByStatusAfter: Statement;
  private readonly updateRow: Statement;
  private readonly deleteRow: Statement;
  private readonly impact: Statement;
  private readonly stagesOf: Statement;
  private readonly artifactSummariesOf: Statement;
  private readonly countAll: Statement;
  private readonly countByStatus: Statement;
  /** One read transaction, so the journey, its stages and artifacts come from the same snapshot; built once. */
  private readonly readWithStages: (id: string) => JourneyWithStages | undefined;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO journeys (id, input, status, settings, created_at, updated_at)
       VALUES (@id, @input, @status, @settings, @createdAt, @updatedAt)`,
    );
    this.byId = db.prepare('SELECT * FROM journeys WHERE id = ?');
    this.summaryById = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM journeys j WHERE j.id = ?`);
    // CAST: with a bare parameter as LIMIT, SQLite (STAT4 build) prepares the statement again on every page
    // (a quarter of the page's time; docs/performance.md).
    const order = 'ORDER BY j.created_at DESC, j.id DESC LIMIT CAST(@limit AS INTEGER)';
    this.pageAll = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM journeys j ${order}`);
    this.pageAllAfter = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM journeys j WHERE (j.created_at, j.id) < (@createdAt, @id) ${order}`,
    );
    this.pageByStatus = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM journeys j WHERE j.status IN (SELECT value FROM json_each(@statuses)) ${order}`,
    );
    this.pageByStatusAfter = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM journeys j
       WHERE j.status IN (SELECT value FROM json_each(@statuses)) AND (j.created_at, j.id) < (@createdAt, @id) ${order}`,
    );
    this.updateRow = db.prepare(
      `UPDATE journeys SET input = @input, status = @status, settings = @settings, updated_at = @updatedAt
       WHERE id = @id`,
    );
    this.deleteRow = db.prepare('DELETE FROM journeys WHERE id = ?');
    this.impact = db.prepare(
      `SELECT (SELECT count(*) FROM stages WHERE journey_id = @id) AS stages,
              (SELECT count(*) FROM stages s JOIN artifacts a ON a.stage_id = s.id WHERE s.journey_id = @id) AS artifacts`,
    );
    this.stagesOf = db.prepare('SELECT * FROM stages WHERE journey_id = ? ORDER BY created_at, seq');
    this.artifactSummariesOf = db.prepare(
      `SELECT a.id, a.stage_id, a.type, a.title, a.metadata, octet_length(a.content) AS content_bytes,
              a.created_at, a.updated_at
       FROM stages s JOIN artifacts a ON a.stage_id = s.id
       WHERE s.journey_id = ? ORDER BY a.created_at, a.seq`,
    );
    this.countAll = db.prepare('SELECT count(*) AS n FROM journeys');
    this.countByStatus = db.prepare('SELECT status, count(*) AS n FROM journeys GROUP BY status');
    this.readWithStages = db.transaction((id: string): JourneyWithStages | undefined => {
      const journey = this.findById(id);
      if (!journey) return undefined;
      const stages: StageWithArtifacts[] = (this.stagesOf.all(id) as StageRow[]).map((row) => ({
        ...mapStage(row),
        artifacts: [],
      }));
      const byStage = new Map(stages.map((s) => [s.id, s]));
      for (const row of this.artifactSummariesOf.all(id) as ArtifactSummaryRow[]) {
        byStage.get(row.stage_id)?.artifacts.push(mapArtifactSummary(row));
      }
      return { ...journey, stages };
    });
  }

  create(input: NewJourney): Journey {
    const now = Date.now();
    const createdAt = input.createdAt === undefined ? now : requireTimestamp(input.createdAt, 'createdAt');
    const journey: Journey = {
      id: input.id === undefined ? generateId('journey') : requireId(input.id, 'Journey id'),
      input: requireText(input.input, 'The journey input'),
      status: input.status === undefined ? 'running' : requireOneOf(input.status, JOURNEY_STATUSES, 'status'),
      settings:
        input.settings === undefined
          ? parseSettings(null)
          : mergeSettings(parseSettings(null), input.settings, 'settings'),
      createdAt,
      updatedAt: Math.max(createdAt, now),
    };
    this.insert.run({
      ...journey,
      settings: toJsonText(journey.settings, 'settings'),
    });
    return journey;
  }

  findById(id: string): Journey | undefined {
    const row = this.byId.get(requireId(id, 'Journey id')) as JourneyRow | undefined;
    return row && mapJourney(row);
  }

  /** Like findById, but throws NOT_FOUND with a sentence. */
  getById(id: string): Journey {
    const journey = this.findById(id);
    if (!journey)
      throw new StoreError('NOT_FOUND', `Journey ${id} does not exist (it may have been deleted).`);
    return journey;
  }

  findSummaryById(id: string): JourneySummary | undefined {
    const row = this.summaryById.get(requireId(id, 'Journey id')) as JourneySummaryRow | undefined;
    return row && mapJourneySummary(row);
  }

  /** Newest first; ties on created_at are broken by id, so pages never skip or repeat a journey. */
  findAll(options: JourneyListOptions = {}): Page<JourneySummary> {
    const limit = requireLimit(options.limit ?? DEFAULT_PAGE_SIZE, 'limit', MAX_PAGE_SIZE);
    const statuses =
      options.status === undefined
        ? undefined
        : (Array.isArray(options.status) ? options.status : [options.status]).map((s) =>
            requireOneOf(s, JOURNEY_STATUSES, 'status'),
          );
    const cursor = options.after === undefined ? undefined : decodeCursor(options.after);
    const params: Record<string, unknown> = { limit: limit + 1 };
    if (cursor) Object.assign(params, cursor);
    if (statuses) params.statuses = JSON.stringify(statuses);
    const statement = statuses
      ? cursor
        ? this.pageByStatusAfter
        : this.pageByStatus
      : cursor
        ? this.pageAllAfter
        : this.pageAll;
    const rows = statement.all(params) as JourneySummaryRow[];
    const items = rows.slice(0, limit).map(mapJourneySummary);
    const last = items[items.length - 1];
    return rows.length > limit && last
      ? { items, nextCursor: encodeCursor({ createdAt: last.createdAt, id: last.id }) }
      : { items };
  }

  count(): number {
    return (this.countAll.get() as { n: number }).n;
  }

  countByStatusMap(): Record<JourneyStatus, number> {
    const counts = Object.fromEntries(JOURNEY_STATUSES.map((s) => [s, 0])) as Record<JourneyStatus, number>;
    for (const row of this.countByStatus.all() as { status: JourneyStatus; n: number }[])
      counts[row.status] = row.n;
    return counts;
  }

  /** Applies only the given fields; an empty update returns the journey unchanged. Throws NOT_FOUND. */
  update(id: string, changes: JourneyUpdate): Journey {
    const current = this.getById(id);
    const next: Journey = { ...current };
    if (changes.input !== undefined) next.input = requireText(changes.input, 'The journey input');
    if (changes.status !== undefined) next.status = requireOneOf(changes.status, JOURNEY_STATUSES, 'status');
    if (changes.settings !== undefined)
      next.settings = mergeSettings(current.settings, changes.settings, 'settings');
    if (changes.input === undefined && changes.status === undefined && changes.settings === undefined)
      return current;
    next.updatedAt = Math.max(Date.now(), current.updatedAt + 1);
    this.updateRow.run({ ...next, settings: toJsonText(next.settings, 'settings') });
    return next;
  }

  /** What deleting the journey takes with it, for confirmations. */
  deletionImpact(id: string): { stages: number; artifacts: number } {
    return this.impact.get({ id: requireId(id, 'Journey id') }) as { stages: number; artifacts: number };
  }

  /** Deletes the journey with its stages and artifacts (foreign-key cascade). Returns false when it was not there. */
  delete(id: string): boolean {
    return this.deleteRow.run(requireId(id, 'Journey id')).changes > 0;
  }

  /** The journey with its stages in order, each with its artifacts' summaries (no content). */
  getWithStages(id: string): JourneyWithStages | undefined {
    return this.readWithStages(id);
  }
}
