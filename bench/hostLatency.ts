// What a person typing into Perpetua: Search feels at scale: keystroke → results through the search worker
// (with the picker's debounce and live prefix), and how long the host's event loop is ever held up while
// the worker searches. The "host" here is this process's main thread, doing what the extension host does:
// debounce, post the query, drop superseded answers, hand the hits on (serialized, as VS Code sends them).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SearchClient } from '../src/search/searchClient';
import { parseSearchText, toSearchOptions } from '../src/search/searchText';
import { KeystrokeDebouncer } from '../src/search/keystrokeDebouncer';
import { SEARCH_DEBOUNCE_MS, SEARCH_RESULT_LIMIT } from '../src/search/searchTiming';
import { Corpus, PHRASE_EVERY } from './corpus';
import { summarize, type Timing } from './measure';
import { chooseQueries } from './queries';

export const HOST_LATENCY_TARGETS = { keystrokeP95Ms: 100, eventLoopMaxDelayMs: 20 };

/** Milliseconds between keys: a steady typist (every key is searched) and a fast burst (most are superseded). */
const PACES = [
  { name: 'steady typing', msPerKey: 150 },
  { name: 'fast burst', msPerKey: 35 },
] as const;
const ROUNDS = 2;
const MONITOR_RESOLUTION_MS = 5;
const BASELINE_SECONDS = 10;
const PAUSE_BETWEEN_WORDS_MS = 300;

export interface PaceFigure {
  name: string;
  msPerKey: number;
  keystrokes: number;
  /** Keys followed by the next one within the debounce: nothing was due for them. */
  typedThrough: number;
  /** Searches the worker answered with results that were shown. */
  shown: number;
  /** Searches dropped because a newer keystroke came first. */
  superseded: number;
  /**
   * From a key press after which the person paused (longer than the debounce) to the first results shown
   * for text that includes it: what a person waits for. Debounce included.
   */
  keystrokeToResults: Timing & { maxMs: number };
  /** Time the worker spent inside store.search, for the shown searches. */
  workerSearch: Timing & { maxMs: number };
  eventLoopDelayMaxMs: number;
  eventLoopDelayP99Ms: number;
  /** Share of the time the host's event loop was busy (performance.eventLoopUtilization). */
  eventLoopUtilization: number;
}

/** The same event-loop measurement with nothing typed: what the machine itself adds (other processes). */
export interface Baseline {
  seconds: number;
  eventLoopDelayMaxMs: number;
  eventLoopDelayP99Ms: number;
}

export interface HostLatencyResult {
  debounceMs: number;
  words: string[];
  /** First search of a session: starting the worker and opening its connection. */
  coldStartMs: number;
  paces: PaceFigure[];
  baseline: Baseline;
  targets: typeof HOST_LATENCY_TARGETS;
}

function withMax(samples: number[]): Timing & { maxMs: number } {
  return { ...summarize(samples), maxMs: Math.max(0, ...samples) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The picker's logic without VS Code: debounce, live prefix, newest answer only. */
class SimulatedSearchBox {
  value = '';
  shown = 0;
  superseded = 0;
  private readonly debouncer = new KeystrokeDebouncer(() => {
    const last = this.waiting.at(-1);
    if (last) last.paused = true;
    void this.run(this.value);
  });
  private running = 0;
  /**
   * Keystrokes still waiting for results: when each was pressed, how long the text was then, and whether the
   * person paused after it (its debounce ran out), so results were due for it.
   */
  private waiting: Array<{ at: number; length: number; paused: boolean }> = [];
  /** Keys followed by another key within the debounce: the person typed through them, nothing was due. */
  typedThrough = 0;
  readonly latencies: number[] = [];
  readonly searchTimes: number[] = [];
  private idle: (() => void) | undefined;

  constructor(private readonly client: SearchClient) {}

  press(ch: string): void {
    this.value += ch;
    const now = performance.now();
    // The key before, if still unanswered, was typed through: the person did not stop for it.
    const previous = this.waiting.at(-1);
    if (previous && now - previous.at < SEARCH_DEBOUNCE_MS) previous.paused = false;
    this.waiting.push({ at: now, length: this.value.length, paused: false });
    this.debouncer.keystroke();
  }

  private async run(value: string): Promise<void> {
    const parsed = parseSearchText(value);
    this.running++;
    try {
      const outcome = await this.client.search(
        parsed.query,
        toSearchOptions(parsed.filters, SEARCH_RESULT_LIMIT),
      );
      if (outcome.status === 'superseded' || value !== this.value) {
        this.superseded++;
        return;
      }
      // What the extension host does with the hits: turn them into items and send them to the window.
      JSON.stringify(outcome.result.hits);
      const now = performance.now();
      this.shown++;
      this.searchTimes.push(outcome.elapsedMs);
      const answered = this.waiting.filter((k) => k.length <= value.length);
      this.waiting = this.waiting.filter((k) => k.length > value.length);
      for (const k of answered) {
        if (k.paused) this.latencies.push(now - k.at);
        else this.typedThrough++;
      }
    } finally {
      this.running--;
      if (this.running === 0 && !this.debouncer.pending) this.idle?.();
    }
  }

  async whenIdle(): Promise<void> {
    while (this.debouncer.pending || this.running > 0) {
      await new Promise<void>((resolve) => {
        this.idle = resolve;
        setTimeout(resolve, 50);
      });
    }
  }

  clear(): void {
    this.value = '';
    this.typedThrough += this.waiting.length;
    this.waiting = [];
  }
}

/** The event loop with nothing to do, timed the same way: the machine's own noise, for comparison. */
async function measureBaseline(): Promise<Baseline> {
  const histogram = monitorEventLoopDelay({ resolution: MONITOR_RESOLUTION_MS });
  histogram.enable();
  await sleep(BASELINE_SECONDS * 1000);
  histogram.disable();
  return {
    seconds: BASELINE_SECONDS,
    eventLoopDelayMaxMs: histogram.max / 1e6,
    eventLoopDelayP99Ms: histogram.percentile(99) / 1e6,
  };
}

/** Words a person would type: the benchmark's own queries (rare and broad, phrases, prefixes) and common words. */
function wordsToType(): string[] {
  const queries = chooseQueries(new Corpus(), PHRASE_EVERY).map((q) => q.text.replace(/\*$/, ''));
  return [...queries, 'through', 'between people', 'state of the world'];
}

export async function measureHostLatency(
  storePath: string,
  workerPath: string,
  options: { maxWorkers?: number } = {},
): Promise<HostLatencyResult> {
  const client = new SearchClient({ workerPath, ...options });
  client.setDatabasePath(storePath);
  try {
    const coldStart = performance.now();
    const first = await client.search('warm', { limit: SEARCH_RESULT_LIMIT });
    if (first.status !== 'done') throw new Error('The first search did not finish.');
    const coldStartMs = performance.now() - coldStart;
    const words = wordsToType();
    const baseline = await measureBaseline();
    const paces: PaceFigure[] = [];
    for (const pace of PACES) {
      const box = new SimulatedSearchBox(client);
      const histogram = monitorEventLoopDelay({ resolution: MONITOR_RESOLUTION_MS });
      const utilizationAtStart = performance.eventLoopUtilization();
      histogram.enable();
      for (let round = 0; round < ROUNDS; round++) {
        for (const word of words) {
          box.clear();
          for (const ch of word) {
            box.press(ch);
            await sleep(pace.msPerKey);
          }
          await box.whenIdle();
          await sleep(PAUSE_BETWEEN_WORDS_MS);
        }
      }
      histogram.disable();
      box.clear();
      paces.push({
        name: pace.name,
        msPerKey: pace.msPerKey,
        keystrokes: box.latencies.length + box.typedThrough,
        typedThrough: box.typedThrough,
        shown: box.shown,
        superseded: box.superseded,
        keystrokeToResults: withMax(box.latencies),
        workerSearch: withMax(box.searchTimes),
        eventLoopDelayMaxMs: histogram.max / 1e6,
        eventLoopDelayP99Ms: histogram.percentile(99) / 1e6,
        eventLoopUtilization: performance.eventLoopUtilization(utilizationAtStart).utilization,
      });
    }
    return {
      debounceMs: SEARCH_DEBOUNCE_MS,
      words,
      coldStartMs,
      paces,
      baseline,
      targets: HOST_LATENCY_TARGETS,
    };
  } finally {
    client.dispose();
  }
}

/** The figures as a Markdown table, with whether each meets its target. */
export function hostLatencyTable(result: HostLatencyResult): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const ok = (pass: boolean) => (pass ? 'yes' : '**no**');
  const rows = result.paces.map((p) => {
    const pass = p.keystrokeToResults.p95Ms <= result.targets.keystrokeP95Ms;
    const loop = p.eventLoopDelayMaxMs <= result.targets.eventLoopMaxDelayMs;
    return (
      `| ${p.name} (${p.msPerKey} ms a key) | ${p.keystrokes} (${p.keystrokes - p.typedThrough} waited on) | ` +
      `${p.shown} / ${p.superseded} | ${ms(p.keystrokeToResults.p50Ms)} | ` +
      `${ms(p.keystrokeToResults.p95Ms)} ${ok(pass)} | ${ms(p.workerSearch.p95Ms)} (max ${ms(p.workerSearch.maxMs)}) | ` +
      `${ms(p.eventLoopDelayMaxMs)} ${ok(loop)} (p99 ${ms(p.eventLoopDelayP99Ms)}, busy ${(100 * p.eventLoopUtilization).toFixed(1)} %) |`
    );
  });
  const b = result.baseline;
  return [
    `Search as you type through the worker (debounce ${result.debounceMs} ms; first search, starting the worker: ${ms(result.coldStartMs)}).`,
    '',
    '| typing | keystrokes | searches shown / superseded | keystroke → results p50 | p95 (≤ 100 ms) | worker search p95 | host event-loop max delay (≤ 20 ms) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    `| nothing typed (${b.seconds} s, the machine's own noise) | – | – | – | – | – | ${ms(b.eventLoopDelayMaxMs)} (p99 ${ms(b.eventLoopDelayP99Ms)}) |`,
  ].join('\n');
}
