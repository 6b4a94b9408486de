import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database';
import { toStoreError } from './errors';
import { parseSearchQuery, restrictToColumns } from './searchQuery';
import {
  ARTIFACT_TYPES,
  JOURNEY_STATUSES,
  STAGE_TYPES,
  type ArtifactType,
  type JourneyStatus,
  type StageStatus,
  type StageType,
} from './types';
import { requireId, requireLimit, requireOneOf } from './validate';

export type SearchKind = 'artifact' | 'stage';
export type StageField = 'prompt' | 'result' | 'thinking';

export interface SearchOptions {
  limit?: number;
  /** Which kinds of hit; default both (only artifacts when artifactTypes is given). */
  kinds?: readonly SearchKind[];
  artifactTypes?: readonly ArtifactType[];
  stageTypes?: readonly StageType[];
  journeyStatuses?: readonly JourneyStatus[];
  journeyId?: string;
}

/** A highlighted excerpt: plain text plus [start, end) ranges of matched words; never HTML. */
export interface Snippet {
  text: string;
  highlights: Array<[number, number]>;
}

interface HitBase {
  /** bm25: lower is better. */
  score: number;
  snippet: Snippet;
  journeyId: string;
  journeyInput: string;
  journeyStatus: JourneyStatus;
  stageId: string;
  stageType: StageType;
}

export interface ArtifactHit extends HitBase {
  kind: 'artifact';
  artifactId: string;
  title: string;
  artifactType: ArtifactType;
}

export interface StageHit extends HitBase {
  kind: 'stage';
  stageStatus: StageStatus;
  /** Where the best match is. */
  field: StageField;
}

export type SearchHit = ArtifactHit | StageHit;

export interface SearchResult {
  hits: SearchHit[];
  /** The FTS5 expression that ran (for diagnostics), absent when nothing searchable was typed. */
  expression?: string;
  /** True when the input was cut to the searchable length or number of words. */
  truncated: boolean;
  /**
   * True when the query matched so many rows that only the newest ones (and all title matches) were ranked;
   * see docs/performance.md.
   */
  approximate: boolean;
}

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 200;
/** Beyond this many matches, rank the newest ones only: bm25 costs ~8 µs a row. */
export const RANKING_WINDOW = 1500;

const MARK_START = '\u0002';
const MARK_END = '\u0003';

function parseSnippet(raw: string | null): Snippet {
  const highlights: Array<[number, number]> = [];
  let text = '';
  let start = -1;
  for (const ch of raw ?? '') {
    if (ch === MARK_START) start = text.length;
    else if (ch === MARK_END) {
      if (start >= 0 && text.length > start) highlights.push([start, text.length]);
      start = -1;
    } else text += ch;
  }
  return { text: text.replace(/\s+/g, ' '), highlights: normalizeHighlights(text, highlights) };
}

/** Whitespace is folded in the text, so shift the ranges the same way. */
function normalizeHighlights(original: string, ranges: Array<[number, number]>): Array<[number, number]> {
  const map: number[] = [];
  let out = 0;
  let lastSpace = false;
  for (let i = 0; i <= original.length; i++) {
    map.push(out);
    const ch = original[i];
    if (ch === undefined) break;
    const space = /\s/.test(ch);
    if (!(space && lastSpace)) out++;
    lastSpace = space;
  }
  return ranges.map(([s, e]) => [map[s]!, map[e]!] as [number, number]);
}

interface Filter {
  types: string | null;
  stageTypes: string | null;
  statuses: string | null;
  journeyId: string | null;
}

interface Candidate {
  kind: SearchKind;
  seq: number;
  score: number;
}

const FILTER_SQL = `
  AND (@types IS NULL OR a.type IN (SELECT value FROM json_each(@types)))
  AND (@stageTypes IS NULL OR s.type IN (SELECT value FROM json_each(@stageTypes)))
  AND (@statuses IS NULL OR j.status IN (SELECT value FROM json_each(@statuses)))
  AND (@journeyId IS NULL OR s.journey_id = @journeyId)`;

/** One FTS5 index (artifacts or stages) with its ranked, windowed and detail statements. */
class IndexSearcher {
  private readonly probe: Statement;
  private readonly ranked: Statement;
  private readonly rankedFiltered: Statement;
  private readonly scoreOne: Statement;
  readonly details: Statement;

  constructor(
    db: SqliteDatabase,
    private readonly fts: 'artifacts_fts' | 'stages_fts',
    weights: string,
    private readonly titleColumns: readonly string[] | undefined,
  ) {
    const rank = `AND rank MATCH 'bm25(${weights})'`;
    const joins =
      fts === 'artifacts_fts'
        ? `JOIN artifacts a ON a.seq = f.rowid JOIN stages s ON s.id = a.stage_id JOIN journeys j ON j.id = s.journey_id`
        : `JOIN stages s ON s.seq = f.rowid JOIN journeys j ON j.id = s.journey_id`;
    const filter = fts === 'artifacts_fts' ? FILTER_SQL : FILTER_SQL.replace(/\n\s*AND \(@types[^\n]*/, '');
    this.probe = db.prepare(
      `SELECT rowid AS seq FROM ${fts} WHERE ${fts} MATCH @q ORDER BY rowid DESC LIMIT 1 OFFSET @window`,
    );
    this.ranked = db.prepare(
      `SELECT f.rowid AS seq, f.rank AS score FROM ${fts} f
       WHERE ${fts} MATCH @q ${rank} AND f.rowid >= @minSeq ORDER BY f.rank LIMIT @limit`,
    );
    this.rankedFiltered = db.prepare(
      `SELECT f.rowid AS seq, f.rank AS score FROM ${fts} f ${joins}
       WHERE ${fts} MATCH @q ${rank} AND f.rowid >= @minSeq ${filter} ORDER BY f.rank LIMIT @limit`,
    );
    this.scoreOne = db.prepare(
      `SELECT f.rowid AS seq, f.rank AS score FROM ${fts} f ${joins}
       WHERE ${fts} MATCH @q ${rank} AND f.rowid = @seq ${filter}`,
    );
    this.details =
      fts === 'artifacts_fts'
        ? db.prepare(
            `SELECT a.id AS artifactId, a.title, a.type AS artifactType, s.id AS stageId, s.type AS stageType,
                    j.id AS journeyId, j.input AS journeyInput, j.status AS journeyStatus,
                    snippet(${fts}, 1, char(2), char(3), '…', 24) AS snip
             FROM ${fts} f ${joins} WHERE ${fts} MATCH @q AND f.rowid = @seq`,
          )
        : db.prepare(
            `SELECT s.id AS stageId, s.type AS stageType, s.status AS stageStatus,
                    j.id AS journeyId, j.input AS journeyInput, j.status AS journeyStatus,
                    snippet(${fts}, 0, char(2), char(3), '…', 24) AS snipPrompt,
                    snippet(${fts}, 1, char(2), char(3), '…', 24) AS snipResult,
                    snippet(${fts}, 2, char(2), char(3), '…', 24) AS snipThinking
             FROM ${fts} f ${joins} WHERE ${fts} MATCH @q AND f.rowid = @seq`,
          );
  }

  private rankWithin(
    q: string,
    filter: Filter,
    filtered: boolean,
    limit: number,
    minSeq: number,
  ): Candidate[] {
    const kind: SearchKind = this.fts === 'artifacts_fts' ? 'artifact' : 'stage';
    const rows = (filtered ? this.rankedFiltered : this.ranked).all({ q, limit, minSeq, ...filter }) as {
      seq: number;
      score: number;
    }[];
    return rows.map((r) => ({ kind, seq: r.seq, score: r.score }));
  }

  /** The first row past the ranking window, newest first; undefined when all matches fit in the window. */
  private windowStart(q: string): number | undefined {
    const row = this.probe.get({ q, window: RANKING_WINDOW }) as { seq: number } | undefined;
    return row === undefined ? undefined : row.seq + 1;
  }

  candidates(
    expression: string,
    filter: Filter,
    limit: number,
  ): { candidates: Candidate[]; approximate: boolean } {
    const filtered = Object.values(filter).some((v) => v !== null);
    const minSeq = filter.journeyId === null ? this.windowStart(expression) : undefined;
    if (minSeq === undefined) {
      return { candidates: this.rankWithin(expression, filter, filtered, limit, 0), approximate: false };
    }
    // Too many matches to rank them all in time: rank the newest window, plus the best title matches anywhere
    // (titles weigh most), each scored against the full query so the scores compare.
    const found = this.rankWithin(expression, filter, filtered, limit, minSeq);
    if (this.titleColumns) {
      const titleQuery = restrictToColumns(expression, this.titleColumns);
      const titleStart = this.windowStart(titleQuery) ?? 0;
      const seen = new Set(found.map((c) => c.seq));
      for (const hit of this.rankWithin(titleQuery, filter, filtered, limit, titleStart)) {
        if (seen.has(hit.seq)) continue;
        const full = this.scoreOne.get({ q: expression, seq: hit.seq, ...filter }) as
          { score: number } | undefined;
        if (full) found.push({ ...hit, score: full.score });
      }
    }
    return { candidates: found, approximate: true };
  }
}

function jsonList<T extends string>(
  values: readonly T[] | undefined,
  allowed: readonly T[],
  what: string,
): string | null {
  if (values === undefined || values.length === 0) return null;
  return JSON.stringify(values.map((v) => requireOneOf(v, allowed, what)));
}

export class Searcher {
  private readonly artifacts: IndexSearcher;
  private readonly stages: IndexSearcher;

  constructor(db: SqliteDatabase) {
    this.artifacts = new IndexSearcher(db, 'artifacts_fts', '10.0, 1.0', ['title']);
    this.stages = new IndexSearcher(db, 'stages_fts', '2.0, 1.0, 1.0', undefined);
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const parsed = parseSearchQuery(typeof query === 'string' ? query : '');
    const limit = requireLimit(options.limit ?? DEFAULT_SEARCH_LIMIT, 'limit', MAX_SEARCH_LIMIT);
    const kinds = new Set<SearchKind>(
      options.kinds ??
        (options.artifactTypes && options.artifactTypes.length > 0 ? ['artifact'] : ['artifact', 'stage']),
    );
    const filter: Filter = {
      types: jsonList(options.artifactTypes, ARTIFACT_TYPES, 'Artifact type'),
      stageTypes: jsonList(options.stageTypes, STAGE_TYPES, 'Stage type'),
      statuses: jsonList(options.journeyStatuses, JOURNEY_STATUSES, 'Journey status'),
      journeyId: options.journeyId === undefined ? null : requireId(options.journeyId, 'journeyId'),
    };
    const expression = parsed.expression;
    if (expression === undefined || limit === 0) {
      return { hits: [], truncated: parsed.truncated, approximate: false };
    }
    try {
      let approximate = false;
      const candidates: Candidate[] = [];
      if (kinds.has('artifact')) {
        const r = this.artifacts.candidates(expression, filter, limit);
        candidates.push(...r.candidates);
        approximate ||= r.approximate;
      }
      if (kinds.has('stage')) {
        const r = this.stages.candidates(expression, { ...filter, types: null }, limit);
        candidates.push(...r.candidates);
        approximate ||= r.approximate;
      }
      candidates.sort((x, y) => x.score - y.score || y.seq - x.seq);
      const hits = candidates.slice(0, limit).flatMap((c) => this.describe(expression, c));
      return { hits, expression, truncated: parsed.truncated, approximate };
    } catch (error) {
      throw toStoreError(error, 'searching');
    }
  }

  private describe(expression: string, c: Candidate): SearchHit[] {
    if (c.kind === 'artifact') {
      const row = this.artifacts.details.get({ q: expression, seq: c.seq }) as
        (Omit<ArtifactHit, 'kind' | 'score' | 'snippet'> & { snip: string }) | undefined;
      if (!row) return [];
      const { snip, ...rest } = row;
      return [{ kind: 'artifact', score: c.score, snippet: parseSnippet(snip), ...rest }];
    }
    const row = this.stages.details.get({ q: expression, seq: c.seq }) as
      | (Omit<StageHit, 'kind' | 'score' | 'snippet' | 'field'> & {
          snipPrompt: string;
          snipResult: string;
          snipThinking: string;
        })
      | undefined;
    if (!row) return [];
    const { snipPrompt, snipResult, snipThinking, ...rest } = row;
    const options: Array<[StageField, string]> = [
      ['result', snipResult],
      ['thinking', snipThinking],
      ['prompt', snipPrompt],
    ];
    const [field, snip] = options.find(([, s]) => s?.includes(MARK_START)) ?? options[0]!;
    return [{ kind: 'stage', score: c.score, snippet: parseSnippet(snip), field, ...rest }];
  }
}
