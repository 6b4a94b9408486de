// The two halves of a run. `buildSide` fills one side's database in its own process (so its insert rate
// and peak RSS are its own). `compareReads` then opens both databases in one process and times each read
// on the store and on raw better-sqlite3 alternately, so a busy machine slows both sides alike.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Corpus, PHRASE_EVERY, type GeneratedJourney } from './corpus';
import { collectGarbage, measure, summarizeSamples, type Sample, type Timing } from './measure';
import { chooseQueries, type BenchQuery, type QueryClass } from './queries';
import { RawSide } from './rawSide';
import { Random } from './random';
import type { Side, SideName } from './side';
import { StoreSide } from './storeSide';

export const INSERT_BATCH_JOURNEYS = 20;
export const SEARCH_RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 50);
const SEARCH_WARMUP = 5;
const OP_RUNS = 500;
const OP_WARMUP = 50;
const DELETES = 100;
const SEARCH_LIMIT = 20;

export interface BuildResult {
  side: SideName;
  artifacts: number;
  journeys: number;
  insertSeconds: number;
  artifactsPerSecond: number;
  fileBytes: number;
  /** Peak RSS of the side's own process: generating, inserting, then one run of every read. */
  peakRssBytes: number;
}

export interface SearchFigure {
  name: string;
  class: QueryClass;
  text: string;
  /** Artifacts the query matches. */
  matches: number;
  store: Timing;
  raw: Timing;
  /** The store's default search (artifacts and stages), which the extension runs. */
  storeAllKinds: Timing;
  approximate: boolean;
  /** Share of the exact (fully ranked) top 20 artifacts that the store's top 20 contains. */
  overlapWithExact: number;
}

export interface ReadResult {
  search: SearchFigure[];
  ops: Record<string, { store: Timing; raw: Timing }>;
}

export function log(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function journeyId(index: number): string {
  return `journey_bench${index.toString().padStart(7, '0')}`;
}

function open(name: SideName, path: string): Side {
  return name === 'store' ? new StoreSide(path) : new RawSide(path);
}

export function buildSide(name: SideName, size: number, path: string): BuildResult {
  const corpus = new Corpus();
  const side = open(name, path);
  let seconds = 0;
  let journeys = 0;
  let batch: GeneratedJourney[] = [];
  const flush = () => {
    const start = performance.now();
    side.insertBatch(batch);
    seconds += (performance.now() - start) / 1000;
    journeys += batch.length;
    batch = [];
    if (journeys % 2000 < INSERT_BATCH_JOURNEYS) log(`${name} ${size}: inserted ${journeys} journeys`);
  };
  for (const journey of corpus.journeys(size)) {
    batch.push(journey);
    if (batch.length === INSERT_BATCH_JOURNEYS) flush();
  }
  if (batch.length > 0) flush();
  side.close();
  const fileBytes = statSync(path).size;
  log(`${name} ${size}: ${(size / seconds).toFixed(0)} artifacts/s, ${(fileBytes / 1e6).toFixed(0)} MB`);
  side.reopen();
  for (const q of chooseQueries(corpus, PHRASE_EVERY)) side.searchArtifacts(q.text, SEARCH_LIMIT);
  side.journeyPage();
  side.getWithStages(journeyId(0));
  side.close();
  return {
    side: name,
    artifacts: size,
    journeys,
    insertSeconds: seconds,
    artifactsPerSecond: size / seconds,
    fileBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

/** Times `store(i)` and `raw(i)` alternately, `runs` times each, after `warmup` untimed runs each. */
function pair(
  store: (i: number) => unknown,
  raw: (i: number) => unknown,
  runs: number,
  warmup: number,
): { store: Timing; raw: Timing } {
  collectGarbage();
  for (let i = 0; i < warmup; i++) {
    store(i);
    raw(i);
  }
  const samples = { store: [] as Sample[], raw: [] as Sample[] };
  const once = (fn: (i: number) => unknown, i: number, into: Sample[]) => into.push(measure(() => fn(i)));
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      once(store, i, samples.store);
      once(raw, i, samples.raw);
    } else {
      once(raw, i, samples.raw);
      once(store, i, samples.store);
    }
  }
  return { store: summarizeSamples(samples.store), raw: summarizeSamples(samples.raw) };
}

/** Exact top-k by full bm25 ranking, read through a second connection (for the store's overlap figure). */
function exactRanking(path: string) {
  const db = new Database(path, { readonly: true });
  const count = db.prepare('SELECT count(*) AS n FROM artifacts_fts WHERE artifacts_fts MATCH ?');
  const top = db.prepare(
    `SELECT a.id FROM artifacts_fts f JOIN artifacts a ON a.seq = f.rowid
     WHERE artifacts_fts MATCH ? AND rank MATCH 'bm25(10.0, 1.0)' ORDER BY rank LIMIT ?`,
  );
  return {
    matches: (expression: string) => (count.get(expression) as { n: number }).n,
    top: (expression: string) => (top.all(expression, SEARCH_LIMIT) as { id: string }[]).map((r) => r.id),
    close: () => db.close(),
  };
}

function searchFigure(store: StoreSide, raw: RawSide, q: BenchQuery, storePath: string): SearchFigure {
  const timings = pair(
    () => store.searchArtifacts(q.text, SEARCH_LIMIT),
    () => raw.searchArtifacts(q.text, SEARCH_LIMIT),
    SEARCH_RUNS,
    SEARCH_WARMUP,
  );
  collectGarbage();
  const allKinds: Sample[] = [];
  for (let i = 0; i < SEARCH_RUNS + SEARCH_WARMUP; i++) {
    const sample = measure(() => store.store.search(q.text, { limit: SEARCH_LIMIT }));
    if (i >= SEARCH_WARMUP) allKinds.push(sample);
  }
  const result = store.store.search(q.text, { kinds: ['artifact'], limit: SEARCH_LIMIT });
  const exact = exactRanking(storePath);
  const expression = result.expression ?? '';
  const best = new Set(exact.top(expression));
  const ours = result.hits.map((h) => (h.kind === 'artifact' ? h.artifactId : ''));
  const matches = exact.matches(expression);
  exact.close();
  return {
    name: q.name,
    class: q.class,
    text: q.text,
    matches,
    store: timings.store,
    raw: timings.raw,
    storeAllKinds: summarizeSamples(allKinds),
    approximate: result.approximate,
    overlapWithExact: best.size === 0 ? 1 : ours.filter((id) => best.has(id)).length / best.size,
  };
}

export function compareReads(size: number, journeys: number, storePath: string, rawPath: string): ReadResult {
  const corpus = new Corpus();
  const store = new StoreSide(storePath);
  const raw = new RawSide(rawPath);
  const search: SearchFigure[] = [];
  for (const q of chooseQueries(corpus, PHRASE_EVERY)) {
    const figure = searchFigure(store, raw, q, storePath);
    search.push(figure);
    log(
      `${size}: search ${q.text}: store p95 ${figure.store.p95Ms.toFixed(1)} ms (all kinds ` +
        `${figure.storeAllKinds.p95Ms.toFixed(1)}), raw p95 ${figure.raw.p95Ms.toFixed(1)} ms`,
    );
  }

  const random = new Random(7);
  const sample = Array.from({ length: OP_RUNS }, () => journeyId(random.int(0, journeys - 1)));
  const at = (i: number) => sample[i % OP_RUNS]!;
  const firstStage = (i: number) => at(i).replace('journey_', 'stage_') + '_s0';
  const deepPages = Math.floor((journeys / 50) * 0.75);
  const deepStore = store.deepJourneyPage(deepPages);
  const deepRaw = raw.deepJourneyPage(deepPages);
  const ops: ReadResult['ops'] = {
    journeyPage: pair(
      () => store.journeyPage(),
      () => raw.journeyPage(),
      OP_RUNS,
      OP_WARMUP,
    ),
    journeyDeepPage: pair(deepStore, deepRaw, OP_RUNS, OP_WARMUP),
    getWithStages: pair(
      (i) => store.getWithStages(at(i)),
      (i) => raw.getWithStages(at(i)),
      OP_RUNS,
      OP_WARMUP,
    ),
    stageSummaries: pair(
      (i) => store.stageSummaries(at(i)),
      (i) => raw.stageSummaries(at(i)),
      OP_RUNS,
      OP_WARMUP,
    ),
    artifactSummaries: pair(
      (i) => store.artifactSummaries(firstStage(i)),
      (i) => raw.artifactSummaries(firstStage(i)),
      OP_RUNS,
      OP_WARMUP,
    ),
  };
  log(`${size}: reads done`);
  const victims = random.sample(journeys, DELETES).map(journeyId);
  ops.deleteJourney = pair(
    (i) => store.deleteJourney(victims[i]!),
    (i) => raw.deleteJourney(victims[i]!),
    DELETES,
    0,
  );
  store.close();
  raw.close();
  log(`${size}: deletes done`);
  return { search, ops };
}
