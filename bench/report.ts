// Turns the two sides' results into the figure table (store | raw | store/raw | target) and the JSON file.
import type { Timing } from './measure';
import type { BuildResult, ReadResult } from './workload';

export const MAX_RATIO = 1.1;
export const SEARCH_P95_TARGET_MS = 50;
export const SEARCH_TARGET_AT = 100_000;
export const TREE_TARGET_MS = 50;
export const TREE_TARGET_JOURNEYS = 10_000;

export interface Figure {
  figure: string;
  unit: string;
  store: number;
  /** Absent for figures only the store has (its default, all-kinds search). */
  raw?: number;
  /** For timings: the CPU time of the same percentile, which a busy machine inflates far less. */
  storeCpu?: number;
  rawCpu?: number;
  /** store/raw, as cost: time, bytes, memory; for throughput, raw rate / store rate. */
  ratio?: number;
  target: string;
  ok: boolean;
}

const OP_LABELS: Record<string, string> = {
  journeyPage: 'journey page (first 50)',
  journeyDeepPage: 'journey page (deep, 75 %)',
  getWithStages: 'getWithStages',
  stageSummaries: 'stages.listSummaries',
  artifactSummaries: 'artifacts.listSummaries',
  deleteJourney: 'delete journey (cascade)',
};
const TREE_OPS = new Set(['journeyPage', 'journeyDeepPage', 'stageSummaries', 'artifactSummaries']);

function ratioFigure(figure: string, unit: string, store: number, raw: number, costRatio: number): Figure {
  return {
    figure,
    unit,
    store,
    raw,
    ratio: costRatio,
    target: `ratio ≤ ${MAX_RATIO.toFixed(2)}`,
    ok: costRatio <= MAX_RATIO,
  };
}

/** A timing compared on the ratio, and, where an absolute limit applies, on that too. */
function timingFigures(label: string, store: Timing, raw: Timing, p95Limit?: number): Figure[] {
  const p50 = {
    ...ratioFigure(`${label} p50`, 'ms', store.p50Ms, raw.p50Ms, store.p50Ms / raw.p50Ms),
    storeCpu: store.cpuP50Ms,
    rawCpu: raw.cpuP50Ms,
  };
  const p95 = {
    ...ratioFigure(`${label} p95`, 'ms', store.p95Ms, raw.p95Ms, store.p95Ms / raw.p95Ms),
    storeCpu: store.cpuP95Ms,
    rawCpu: raw.cpuP95Ms,
  };
  if (p95Limit !== undefined) {
    p95.target += ` and ≤ ${p95Limit} ms`;
    p95.ok = p95.ok && store.p95Ms <= p95Limit;
  }
  return [p50, p95];
}

export function compare(store: BuildResult, raw: BuildResult, reads: ReadResult): Figure[] {
  const figures: Figure[] = [
    ratioFigure(
      'bulk insert',
      'artifacts/s',
      store.artifactsPerSecond,
      raw.artifactsPerSecond,
      raw.artifactsPerSecond / store.artifactsPerSecond,
    ),
  ];
  const searchLimit = store.artifacts >= SEARCH_TARGET_AT ? SEARCH_P95_TARGET_MS : undefined;
  for (const s of reads.search) {
    figures.push(...timingFigures(`search ${s.class}: ${s.name} \`${s.text}\``, s.store, s.raw, searchLimit));
  }
  for (const s of reads.search) {
    const ok = searchLimit === undefined || s.storeAllKinds.p95Ms <= searchLimit;
    figures.push({
      figure: `store default search (artifacts + stages): ${s.name} p95`,
      unit: 'ms',
      store: s.storeAllKinds.p95Ms,
      storeCpu: s.storeAllKinds.cpuP95Ms,
      target: searchLimit === undefined ? 'information' : `≤ ${searchLimit} ms`,
      ok,
    });
  }
  for (const [key, label] of Object.entries(OP_LABELS)) {
    const op = reads.ops[key];
    if (!op) continue;
    const treeLimit =
      TREE_OPS.has(key) && store.journeys >= TREE_TARGET_JOURNEYS ? TREE_TARGET_MS : undefined;
    figures.push(...timingFigures(label, op.store, op.raw, treeLimit));
  }
  figures.push(
    ratioFigure(
      'file size',
      'MB',
      store.fileBytes / 1e6,
      raw.fileBytes / 1e6,
      store.fileBytes / raw.fileBytes,
    ),
    ratioFigure(
      'peak RSS (own process)',
      'MB',
      store.peakRssBytes / 1e6,
      raw.peakRssBytes / 1e6,
      store.peakRssBytes / raw.peakRssBytes,
    ),
  );
  return figures;
}

function format(value: number | undefined): string {
  if (value === undefined) return '—';
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  if (value >= 100) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** A Markdown table, so it can be pasted into docs/performance.md as it is; timings show wall (cpu) time. */
export function table(figures: readonly Figure[]): string {
  const cell = (value: number | undefined, cpu: number | undefined, unit: string) =>
    value === undefined ? '—' : `${format(value)} ${unit}${cpu === undefined ? '' : ` (cpu ${format(cpu)})`}`;
  const rows = figures.map((f) => [
    f.figure,
    cell(f.store, f.storeCpu, f.unit),
    cell(f.raw, f.rawCpu, f.unit),
    f.ratio === undefined ? '—' : f.ratio.toFixed(2),
    `${f.ok ? 'yes' : '**NO**'} (${f.target})`,
  ]);
  const header = ['figure', 'store', 'raw', 'store/raw', 'target met?'];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  return lines.join('\n');
}
