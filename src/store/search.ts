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
/**
 * Beyond this many matches, rank the newest ones only: bm25 costs 5–20 µs a row for a common word in long
 * artifacts, on top of a fixed cost per statement (docs/performance.md).
 */
export const RANKING_WINDOW = 1000;
/** How many of the newest title matches compete for a place beside the window. */
export const TITLE_WINDOW = 300;
/**
 * How far back, in spans of the window, a title match older than the window may lie and still compete: the
 * passes that score and describe those matches read every match between them. At 100 000 artifacts this
 * reaches the oldest row for every benchmark query; in a larger store it bounds the cost (docs/performance.md).
 */
export const TITLE_REACH = 50;

const MARK_START = '\u0002';
const MARK_END = '\u0003';

/** Exactly the characters `\s` matches in a JS regular expression (WhiteSpace and LineTerminator). */
function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const START_CODE = MARK_START.charCodeAt(0);
const END_CODE = MARK_END.charCodeAt(0);

/** Whitespace other than a single space, or two spaces with only markers between: text that needs folding. */
const NEEDS_FOLDING =
  /[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| [\u0002\u0003]* /;
const MARKS = /[\u0002\u0003]/g;

/**
 * Drops the markers and folds each run of whitespace into one space, keeping the highlight ranges on the
 * folded text. It runs for every hit of every search, so text with nothing to fold (the usual snippet) takes
 * a shorter path: copy the text between markers.
 */
function parseSnippet(raw: string | null): Snippet {
  const source = raw ?? '';
  if (NEEDS_FOLDING.test(source)) return parseAndFold(source);
  const highlights: Array<[number, number]> = [];
  let text = '';
  let from = 0;
  let start = -1;
  MARKS.lastIndex = 0;
  for (let mark = MARKS.exec(source); mark !== null; mark = MARKS.exec(source)) {
    text += source.slice(from, mark.index);
    from = mark.index + 1;
    if (source.charCodeAt(mark.index) === START_CODE) start = text.length;
    else {
      if (start >= 0 && text.length > start) highlights.push([start, text.length]);
      start = -1;
    }
  }
  return { text: text + source.slice(from), highlights };
}

/** The general case of parseSnippet, one pass over the characters. */
function parseAndFold(source: string): Snippet {
  const highlights: Array<[number, number]> = [];
  const parts: string[] = [];
  let length = 0; // of the folded text so far
  let unfolded = 0; // characters kept before folding, to skip ranges that were empty
  let start = -1;
  let startUnfolded = -1;
  let lastSpace = false;
  let runStart = 0; // start of the current run of copied characters in `source`
  const flush = (end: number) => {
    if (end > runStart) parts.push(source.slice(runStart, end));
  };
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code === START_CODE || code === END_CODE) {
      flush(i);
      runStart = i + 1;
      if (code === START_CODE) {
        start = length;
        startUnfolded = unfolded;
      } else {
        if (start >= 0 && unfolded > startUnfolded) highlights.push([start, length]);
        start = -1;
      }
      continue;
    }
    unfolded++;
    const space = isSpace(code);
    if (space) {
      flush(i);
      runStart = i + 1;
      if (!lastSpace) {
        parts.push(' ');
        length++;
      }
    } else length++;
    lastSpace = space;
  }
  flush(source.length);
  return { text: parts.join(''), highlights };
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
  /** Filled in by `describe`, for the candidates that make the result. */
  hit?: SearchHit;
}

const FILTER_SQL = `
  AND (@types IS NULL OR a.type IN (SELECT value FROM json_each(@types)))
  AND (@stageTypes IS NULL OR s.type IN (SELECT value FROM json_each(@stageTypes)))
  AND (@statuses IS NULL OR j.status IN (SELECT value FROM json_each(@statuses)))
  AND (@journeyId IS NULL OR s.journey_id = @journeyId)`;

/** A row of one of the detail statements: the columns of an artifact or a stage hit, with its seq and score. */
interface DetailRow {
  seq: number;
  artifactId: string;
  title: string;
  artifactType: ArtifactType;
  stageId: string;
  stageType: StageType;
  stageStatus: StageStatus;
  journeyId: string;
  journeyInput: string;
  journeyStatus: JourneyStatus;
  snip: string | null;
  snipPrompt: string | null;
  snipResult: string | null;
  snipThinking: string | null;
}

function isFiltered(filter: Filter): boolean {
  return Object.values(filter).some((v) => v !== null);
}

/** Whether `x` ranks before `y`: lower bm25 first, ties to the newest. */
function before(x: Candidate, y: Candidate): boolean {
  return x.score < y.score || (x.score === y.score && x.seq > y.seq);
}

/** The `limit` best rows in rank order, by insertion into a short list (the window holds up to 1 000 rows). */
function best(rows: readonly Candidate[], limit: number): Candidate[] {
  const top: Candidate[] = [];
  if (limit <= 0) return top;
  for (const row of rows) {
    let i = top.length;
    if (i === limit) {
      if (!before(row, top[limit - 1]!)) continue;
      i = limit - 1;
    }
    while (i > 0 && before(row, top[i - 1]!)) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = row;
  }
  return top;
}

/**
 * One FTS5 index (artifacts or stages). Each run of a MATCH has a fixed cost that grows with the index (bm25
 * reads every row of each term to weigh it; a prefix merges the lists of all its words), and FTS5's own
 * `ORDER BY rank` scores every match even under a rowid bound. So every path below runs a fixed, small number
 * of statements, none per hit, and at most two that score (call bm25). See docs/performance.md.
 */
class IndexSearcher {
  private readonly kind: SearchKind;
  private readonly newest: Statement;
  private readonly newestSeqs: Statement;
  private readonly keep: Statement;
  private readonly rescore: Statement;
  private readonly journeyBounds: Statement;
  private readonly scoreRange: Statement;
  private readonly describeRows: Statement;

  constructor(
    db: SqliteDatabase,
    private readonly fts: 'artifacts_fts' | 'stages_fts',
    weights: string,
    private readonly titleColumns: readonly string[] | undefined,
  ) {
    this.kind = fts === 'artifacts_fts' ? 'artifact' : 'stage';
    // better-sqlite3 binds JS numbers as REAL, and FTS5 ignores a REAL rowid = ? next to MATCH (every match
    // comes back), so every rowid bound below is cast to INTEGER. A LIMIT is cast too: with a bare parameter
    // there, SQLite as better-sqlite3 builds it (STAT4) prepares the statement again on every run.
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
    // Newest first is the index's own order, so this stops after @n rows and scores only those. Rows come
    // back as arrays: better-sqlite3 builds a row object several times slower than a literal (up to 1 001 rows).
    this.newest = db
      .prepare(
        `SELECT f.rowid, bm25(${fts}, ${weights}) FROM ${fts} f
         WHERE ${fts} MATCH @q ORDER BY f.rowid DESC LIMIT CAST(@n AS INTEGER)`,
      )
      .raw();
    // No bm25 here: bm25 reads each term's whole list once per statement (about 10 ms for `the` at 100 000
    // artifacts), and this only finds rows.
    this.newestSeqs = db
      .prepare(
        `SELECT f.rowid FROM ${fts} f WHERE ${fts} MATCH @q ORDER BY f.rowid DESC LIMIT ${TITLE_WINDOW}`,
      )
      .pluck();
    const base =
      fts === 'artifacts_fts'
        ? `SELECT a.seq FROM artifacts a JOIN stages s ON s.id = a.stage_id JOIN journeys j ON j.id = s.journey_id
           WHERE a.seq IN (SELECT value FROM json_each(@seqs))`
        : `SELECT s.seq FROM stages s JOIN journeys j ON j.id = s.journey_id
           WHERE s.seq IN (SELECT value FROM json_each(@seqs))`;
    this.keep = db.prepare(`${base} ${filter}`);
    // One pass over the range the rows span, scoring or describing only the listed ones (the unary + keeps
    // SQLite from turning the IN into one MATCH per row).
    const listed = `${fts} MATCH @q AND f.rowid BETWEEN CAST(@from AS INTEGER) AND CAST(@to AS INTEGER)
         AND +f.rowid IN (SELECT value FROM json_each(@seqs))`;
    this.rescore = db.prepare(
      `SELECT '${this.kind}' AS kind, f.rowid AS seq, bm25(${fts}, ${weights}) AS score FROM ${fts} f
       WHERE ${listed}`,
    );
    this.journeyBounds = db.prepare(
      fts === 'artifacts_fts'
        ? `SELECT min(a.seq) AS lo, max(a.seq) AS hi FROM stages s JOIN artifacts a ON a.stage_id = s.id
           WHERE s.journey_id = @journeyId`
        : `SELECT min(seq) AS lo, max(seq) AS hi FROM stages WHERE journey_id = @journeyId`,
    );
    this.scoreRange = db.prepare(
      `SELECT f.rowid AS seq, bm25(${fts}, ${weights}) AS score FROM ${fts} f ${joins}
       WHERE ${fts} MATCH @q AND f.rowid BETWEEN CAST(@from AS INTEGER) AND CAST(@to AS INTEGER) ${filter}
       ORDER BY score, f.rowid DESC LIMIT CAST(@limit AS INTEGER)`,
    );
    this.describeRows = db.prepare(
      `SELECT f.rowid AS seq, ${details} FROM ${fts} f ${joins} WHERE ${listed}`,
    );
  }

  private static listed(seqs: readonly number[]) {
    return { from: Math.min(...seqs), to: Math.max(...seqs), seqs: JSON.stringify(seqs) };
  }

  /** The newest matches (at most `n`) with their scores, newest first. */
  private newestScored(q: string, n: number): Candidate[] {
    const rows = this.newest.all({ q, n }) as Array<[number, number]>;
    const kind = this.kind;
    return rows.map(([seq, score]) => ({ kind, seq, score }));
  }

  /** The candidates that pass the filter, read from the tables (no MATCH). */
  private keepMatching(candidates: Candidate[], filter: Filter, filtered: boolean): Candidate[] {
    if (!filtered || candidates.length === 0) return candidates;
    const kept = new Set(
      (
        this.keep.all({ seqs: JSON.stringify(candidates.map((c) => c.seq)), ...filter }) as { seq: number }[]
      ).map((r) => r.seq),
    );
    return candidates.filter((c) => kept.has(c.seq));
  }

  /**
   * Either all matches ranked (`exact`, when there are no more than RANKING_WINDOW), or the newest
   * RANKING_WINDOW matches scored (`window`), in one statement: it stops after RANKING_WINDOW + 1 rows, so it
   * costs about what FTS5's own ranking costs for few matches and far less for many. (A separate count first
   * read the term lists once more, 5–13 % of a selective search; docs/performance.md.)
   */
  private newestOrAll(
    expression: string,
    filter: Filter,
    limit: number,
  ): { exact: Candidate[] } | { window: Candidate[] } {
    const rows = this.newestScored(expression, RANKING_WINDOW + 1);
    if (rows.length > RANKING_WINDOW) return { window: rows.slice(0, RANKING_WINDOW) };
    return { exact: best(this.keepMatching(rows, filter, isFiltered(filter)), limit) };
  }

  candidates(
    expression: string,
    filter: Filter,
    limit: number,
  ): { candidates: Candidate[]; approximate: boolean } {
    if (filter.journeyId !== null) {
      // One journey is small: rank all of its matches, reading only the rows between its first and last
      // (FTS5's own rank order would score every match in the index before filtering).
      const bounds = this.journeyBounds.get({ journeyId: filter.journeyId }) as {
        lo: number | null;
        hi: number | null;
      };
      if (bounds.lo === null || bounds.hi === null) return { candidates: [], approximate: false };
      const rows = this.scoreRange.all({
        q: expression,
        from: bounds.lo,
        to: bounds.hi,
        limit,
        ...filter,
      }) as {
        seq: number;
        score: number;
      }[];
      return {
        candidates: rows.map((r) => ({ kind: this.kind, seq: r.seq, score: r.score })),
        approximate: false,
      };
    }
    const ranked = this.newestOrAll(expression, filter, limit);
    if ('exact' in ranked) return { candidates: ranked.exact, approximate: false };
    const window = ranked.window;
    const filtered = isFiltered(filter);
    const found = best(this.keepMatching(window, filter, filtered), limit);
    if (!this.titleColumns) return { candidates: found, approximate: true };
    // Too many matches to rank them all in time: the newest window is ranked, and so are the newest title
    // matches (titles weigh most) that are older than the window but within TITLE_REACH of its spans, scored
    // against the full query in one pass so that the scores compare.
    const newestSeq = window[0]!.seq;
    const minSeq = window[window.length - 1]!.seq;
    const reach = minSeq - TITLE_REACH * (newestSeq - minSeq + 1);
    const titleSeqs = this.newestSeqs.all({
      q: restrictToColumns(expression, this.titleColumns),
    }) as number[];
    const older = titleSeqs.filter((seq) => seq < minSeq && seq >= reach);
    if (older.length > 0) {
      const rescored = this.rescore.all({ q: expression, ...IndexSearcher.listed(older) }) as Candidate[];
      found.push(...best(this.keepMatching(rescored, filter, filtered), limit));
    }
    return { candidates: found, approximate: true };
  }

  /**
   * Fills in `hit` for the candidates that lack one, in one pass over the range they span (one statement a
   * hit would pay for preparing the MATCH each time, and a prefix for merging its words' lists).
   */
  describe(expression: string, candidates: readonly Candidate[]): void {
    const missing = candidates.filter((c) => c.hit === undefined);
    if (missing.length === 0) return;
    const rows = this.describeRows.all({
      q: expression,
      ...IndexSearcher.listed(missing.map((c) => c.seq)),
    }) as DetailRow[];
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    for (const c of missing) {
      const row = bySeq.get(c.seq);
      if (row) c.hit = this.toHit(row, c.score);
    }
  }

  private toHit(row: DetailRow, score: number): SearchHit {
    if (this.kind === 'artifact') {
      return {
        kind: 'artifact',
        score,
        snippet: parseSnippet(row.snip),
        artifactId: row.artifactId,
        title: row.title,
        artifactType: row.artifactType,
        stageId: row.stageId,
        stageType: row.stageType,
        journeyId: row.journeyId,
        journeyInput: row.journeyInput,
        journeyStatus: row.journeyStatus,
      };
    }
    const options: Array<[StageField, string | null]> = [
      ['result', row.snipResult],
      ['thinking', row.snipThinking],
      ['prompt', row.snipPrompt],
    ];
    const [field, snip] = options.find(([, s]) => s?.includes(MARK_START)) ?? options[0]!;
    return {
      kind: 'stage',
      score,
      snippet: parseSnippet(snip),
      field,
      stageId: row.stageId,
      stageType: row.stageType,
      stageStatus: row.stageStatus,
      journeyId: row.journeyId,
      journeyInput: row.journeyInput,
      journeyStatus: row.journeyStatus,
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
      const top = candidates.slice(0, limit);
      this.artifacts.describe(
        expression,
        top.filter((c) => c.kind === 'artifact'),
      );
      this.stages.describe(
        expression,
        top.filter((c) => c.kind === 'stage'),
      );
      const hits = top.flatMap((c) => (c.hit ? [c.hit] : []));
      return { hits, expression, truncated: parsed.truncated, approximate };
    } catch (error) {
      throw toStoreError(error, 'searching');
    }
  }
}
