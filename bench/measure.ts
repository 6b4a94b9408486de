// Timing helpers: per-call wall time and CPU time, summarised as percentiles (nearest rank).

export interface Timing {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  /** CPU time of the same calls (when measured): a busy machine inflates it far less than wall time. */
  cpuP50Ms?: number;
  cpuP95Ms?: number;
}

export interface Sample {
  wallMs: number;
  cpuMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

/** Wall-time percentiles of durations in ms. */
export function summarize(samples: readonly number[]): Timing {
  const wall = [...samples].sort((a, b) => a - b);
  return {
    runs: wall.length,
    p50Ms: percentile(wall, 0.5),
    p95Ms: percentile(wall, 0.95),
    meanMs: wall.reduce((s, x) => s + x, 0) / Math.max(1, wall.length),
  };
}

/** Wall-time and CPU-time percentiles. */
export function summarizeSamples(samples: readonly Sample[]): Timing {
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  return {
    ...summarize(samples.map((s) => s.wallMs)),
    cpuP50Ms: percentile(cpu, 0.5),
    cpuP95Ms: percentile(cpu, 0.95),
  };
}

/** Runs `fn` once and measures it. */
export function measure(fn: () => unknown): Sample {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Collects garbage between phases so one phase's garbage does not land in the next one's timings. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
