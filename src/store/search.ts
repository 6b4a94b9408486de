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
  /** Filled in when the statement that ranked the row could also describe it. */
  hit?: SearchHit;
}

const FILTER_SQL = `
  AND (@types IS NULL OR a.type IN (SELECT value FROM json_each(@types)))
  AND (@stageTypes IS NULL OR s.type IN (SELECT value FROM json_each(@stageTypes)))
  AND (@statuses IS NULL OR j.status IN (SELECT value FROM json_each(@statuses)))
  AND (@journeyId IS NULL OR s.journey_id = @journeyId)`;

type DetailRow = Record<string, unknown> & { seq: number; score?: number };

/**
 * One FTS5 index (artifacts or stages). Each run of a MATCH has a fixed cost that grows with the index (bm25
 * counts every row of each term to weigh it; a prefix merges the lists of all its words), so every path below
 * runs a fixed number of statements and never one per hit. See docs/performance.md.
 */
class IndexSearcher {
  private readonly kind: SearchKind;
  private readonly probe: Statement;
  private readonly exact: Statement;
  private readonly windowed: Statement;
  private readonly windowedFiltered: Statement;
  private readonly describeRows: Statement;

  constructor(
    db: SqliteDatabase,
    private readonly fts: 'artifacts_fts' | 'stages_fts',
    weights: string,
    private readonly titleColumns: readonly string[] | undefined,
  ) {
    this.kind = fts === 'artifacts_fts' ? 'artifact' : 'stage';
    // better-sqlite3 binds JS numbers as REAL, and FTS5 ignores a REAL rowid = ? next to MATCH (every match
    // comes back), so every rowid bound below is cast to INTEGER.
    const joins =
      fts === 'artifacts_fts'
        ? `JOIN artifacts a ON a.seq = f.rowid JOIN stages s ON s.id = a.stage_id JOIN journeys j ON j.id = s.journey_id`
        : `JOIN stages s ON s.seq = f.rowid JOIN journeys j ON j.id = s.journey_id`;
    const filter = fts === 'artifacts_fts' ? FILTER_SQL : FILTER_SQL.replace(/\n\s*AND \(@types[^\n]*/, '');
    const details =
      fts === 'artifacts_fts'
        ? `a.id AS artifactId, a.title, a.type AS artifactType, s.id AS stageId, s.type AS stageType,
           j.id AS journeyId, j.input AS journeyInput, j.status AS journeyStatus,
           snippet(${fts}, 1, char(2), char(3), '…', 24) AS snip`
        : `s.id AS stageId, s.type AS stageType, s.status AS stageStatus,
           j.id AS journeyId, j.input AS journeyInput, j.status AS journeyStatus,
           snippet(${fts}, 0, char(2), char(3), '…', 24) AS snipPrompt,
           snippet(${fts}, 1, char(2), char(3), '…', 24) AS snipResult,
           snippet(${fts}, 2, char(2), char(3), '…', 24) AS snipThinking`;
    this.probe = db.prepare(
      `SELECT rowid AS seq FROM ${fts} WHERE ${fts} MATCH @q ORDER BY rowid DESC LIMIT 1 OFFSET @window`,
    );
    // FTS5 sorts by rank itself and yields rows in order, so only the rows kept are described (snippet).
    this.exact = db.prepare(
      `SELECT f.rowid AS seq, f.rank AS score, ${details} FROM ${fts} f ${joins}
       WHERE ${fts} MATCH @q AND rank MATCH 'bm25(${weights})' ${filter} ORDER BY f.rank LIMIT @limit`,
    );
    // Ordering by the bm25() expression, not by rank: FTS5's own rank order scores every match and ignores
    // the rowid bound, which made the window slower than no window at all.
    const windowed = (withFilter: boolean) =>
      db.prepare(
        `SELECT f.rowid AS seq, bm25(${fts}, ${weights}) AS score FROM ${fts} f ${withFilter ? joins : ''}
         WHERE ${fts} MATCH @q AND f.rowid >= CAST(@from AS INTEGER)
           AND (f.rowid >= CAST(@minSeq AS INTEGER) OR +f.rowid IN (SELECT value FROM json_each(@extra)))
           ${withFilter ? filter : ''}
         ORDER BY score, f.rowid DESC LIMIT @limit`,
      );
    this.windowed = windowed(false);
    this.windowedFiltered = windowed(true);
    // One pass over the range the hits span (the unary + keeps SQLite from turning the IN into one MATCH
    // per row), describing only the listed rows.
    this.describeRows = db.prepare(
      `SELECT f.rowid AS seq, ${details} FROM ${fts} f ${joins}
       WHERE ${fts} MATCH @q AND f.rowid BETWEEN CAST(@from AS INTEGER) AND CAST(@to AS INTEGER)
         AND +f.rowid IN (SELECT value FROM json_each(@seqs))`,
    );
  }

  /** The first row past the ranking window, newest first; undefined when all matches fit in the window. */
  private windowStart(q: string): number | undefined {
    const row = this.probe.get({ q, window: RANKING_WINDOW }) as { seq: number } | undefined;
    return row === undefined ? undefined : row.seq + 1;
  }

  private rankWindow(
    q: string,
    filter: Filter,
    limit: number,
    minSeq: number,
    extra: readonly number[] = [],
  ): Candidate[] {
    const filtered = Object.values(filter).some((v) => v !== null);
    const rows = (filtered ? this.windowedFiltered : this.windowed).all({
      q,
      limit,
      minSeq,
      from: Math.min(minSeq, ...extra),
      extra: JSON.stringify(extra),
      ...filter,
    }) as { seq: number; score: number }[];
    return rows.map((r) => ({ kind: this.kind, seq: r.seq, score: r.score }));
  }

  candidates(
    expression: string,
    filter: Filter,
    limit: number,
  ): { candidates: Candidate[]; approximate: boolean } {
    const minSeq = filter.journeyId === null ? this.windowStart(expression) : undefined;
    if (minSeq === undefined) {
      const rows = this.exact.all({ q: expression, limit, ...filter }) as DetailRow[];
      const candidates = rows.flatMap((row) => {
        const hit = this.toHit(row, row.score ?? 0);
        return hit ? [{ kind: this.kind, seq: row.seq, score: hit.score, hit }] : [];
      });
      return { candidates, approximate: false };
    }
    // Too many matches to rank them all in time: rank the newest window, plus the best title matches among
    // the newest title matches (titles weigh most), all scored against the full query in one pass so the
    // scores compare.
    let extra: number[] = [];
    if (this.titleColumns) {
      const titleQuery = restrictToColumns(expression, this.titleColumns);
      const titleStart = this.windowStart(titleQuery) ?? 0;
      extra = this.rankWindow(titleQuery, filter, limit, titleStart)
        .map((c) => c.seq)
        .filter((seq) => seq < minSeq);
    }
    return { candidates: this.rankWindow(expression, filter, limit, minSeq, extra), approximate: true };
  }

  /** Fills in `hit` for the candidates that lack one. */
  describe(expression: string, candidates: readonly Candidate[]): void {
    const missing = candidates.filter((c) => c.hit === undefined);
    if (missing.length === 0) return;
    const seqs = missing.map((c) => c.seq);
    const rows = this.describeRows.all({
      q: expression,
      from: Math.min(...seqs),
      to: Math.max(...seqs),
      seqs: JSON.stringify(seqs),
    }) as DetailRow[];
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    for (const c of missing) {
      const row = bySeq.get(c.seq);
      if (row) c.hit = this.toHit(row, c.score);
    }
  }

  private toHit(row: DetailRow, score: number): SearchHit | undefined {
    if (this.kind === 'artifact') {
      const { snip, seq: _seq, score: _score, ...rest } = row as DetailRow & { snip: string };
      return {
        kind: 'artifact',
        score,
        snippet: parseSnippet(snip),
        ...(rest as Omit<ArtifactHit, 'kind' | 'score' | 'snippet'>),
      };
    }
    const {
      snipPrompt,
      snipResult,
      snipThinking,
      seq: _seq,
      score: _score,
      ...rest
    } = row as DetailRow & {
      snipPrompt: string;
      snipResult: string;
      snipThinking: string;
    };
    const options: Array<[StageField, string]> = [
      ['result', snipResult],
      ['thinking', snipThinking],
      ['prompt', snipPrompt],
    ];
    const [field, snip] = options.find(([, s]) => s?.includes(MARK_START)) ?? options[0]!;
    return {
      kind: 'stage',
      score,
      snippet: parseSnippet(snip),
      field,
      ...(rest as Omit<StageHit, 'kind' | 'score' | 'snippet' | 'field'>),
    };
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
      const best = candidates.slice(0, limit);
      this.artifacts.describe(
        expression,
        best.filter((c) => c.kind === 'artifact'),
      );
      this.stages.describe(
        expression,
        best.filter((c) => c.kind === 'stage'),
      );
      const hits = best.flatMap((c) => (c.hit ? [c.hit] : []));
      return { hits, expression, truncated: parsed.truncated, approximate };
    } catch (error) {
      throw toStoreError(error, 'searching');
    }
  }
}
