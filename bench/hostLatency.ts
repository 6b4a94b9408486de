// What a person typing into Perpetua: Search feels at scale: keystroke → results through the search workers
// (with the picker's scheduling and live prefix), and how long the host's event loop is ever held up while
// the workers search. The "host" here is this process's main thread, doing what the extension host does:
// post each key's query, drop superseded answers, hand the hits on (serialized, as VS Code sends them).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SearchClient } from '../src/search/searchClient';
import { parseSearchText, toSearchOptions } from '../src/search/searchText';
import { SEARCH_RESULT_LIMIT } from '../src/search/searchTiming';
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
  /** Keys followed by the next one within TYPED_THROUGH_MS: nothing was due for them. */
  typedThrough: number;
  /** Searches sent to a worker (the others were superseded while they waited for one). */
  run: number;
  /** Searches the worker answered with results that were shown. */
  shown: number;
  /** Searches dropped because a newer keystroke came first (whether they had started or not). */
  superseded: number;
  /**
   * From a key press after which the person paused (TYPED_THROUGH_MS or longer) to the first results shown
   * for text that includes it: what a person waits for.
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
  workers: number;
  typedThroughMs: number;
  words: string[];
  /** First search of a session: from starting the workers to its answer. */
  coldStartMs: number;
  paces: PaceFigure[];
  baseline: Baseline;
  targets: typeof HOST_LATENCY_TARGETS;
}

function withMax(samples: number[]): Timing & { maxMs: number } {
  return { ...summarize(samples), maxMs: Math.max(0, ...samples) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A key followed by the next one within this time was typed through: the person did not stop to look, so no
 * results were due for it. Keys with a longer pause after them (and the last key of each word) are the ones
 * a person waits on, and the ones whose latency is measured.
 */
export const TYPED_THROUGH_MS = 60;

interface Keystroke {
  at: number;
  /** Length of the text once this key was pressed. */
  length: number;
  /** When results for text including this key were first shown. */
  answeredAt?: number;
}

/** The picker's logic without VS Code: each key searched at once, newest answer only. */
class SimulatedSearchBox {
  value = '';
  shown = 0;
  superseded = 0;
  private running = 0;
  /** This word's keys, in order. */
  private keys: Keystroke[] = [];
  /** Keys followed by another key within TYPED_THROUGH_MS: the person typed through them. */
  typedThrough = 0;
  readonly latencies: number[] = [];
  readonly searchTimes: number[] = [];
  private idleWaiters: Array<() => void> = [];
  private failure: Error | undefined;

  constructor(private readonly client: SearchClient) {}

  press(ch: string): void {
    this.value += ch;
    this.keys.push({ at: performance.now(), length: this.value.length });
    void this.run(this.value);
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
      for (const key of this.keys) {
        if (key.length <= value.length) key.answeredAt ??= now;
      }
    } catch (error) {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    } finally {
      this.running--;
      if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Resolves when no search is running (no polling: timers would show in the event-loop figures). */
  async whenIdle(): Promise<void> {
    if (this.running > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    if (this.failure !== undefined) throw this.failure;
  }

  /** Ends a word: sorts its keys into waited on (latency kept) and typed through. */
  clear(): void {
    this.keys.forEach((key, i) => {
      const next = this.keys[i + 1];
      if (next && next.at - key.at < TYPED_THROUGH_MS) this.typedThrough++;
      else if (key.answeredAt !== undefined) this.latencies.push(key.answeredAt - key.at);
      else throw new Error(`No results were ever shown for "${this.value.slice(0, key.length)}".`);
    });
    this.keys = [];
    this.value = '';
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
    // As the search box does when it opens.
    client.warm();
    const first = await client.search('warm', { limit: SEARCH_RESULT_LIMIT });
    if (first.status !== 'done') throw new Error('The first search did not finish.');
    const coldStartMs = performance.now() - coldStart;
    const words = wordsToType();
    const baseline = await measureBaseline();
    const paces: PaceFigure[] = [];
    for (const pace of PACES) {
      const box = new SimulatedSearchBox(client);
      const sentBefore = client.sentCount;
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
        run: client.sentCount - sentBefore,
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
      workers: client.workerCount,
      typedThroughMs: TYPED_THROUGH_MS,
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
      `${p.run} / ${p.shown} | ${ms(p.keystrokeToResults.p50Ms)} | ` +
      `${ms(p.keystrokeToResults.p95Ms)} ${ok(pass)} | ${ms(p.workerSearch.p95Ms)} (max ${ms(p.workerSearch.maxMs)}) | ` +
      `${ms(p.eventLoopDelayMaxMs)} ${ok(loop)} (p99 ${ms(p.eventLoopDelayP99Ms)}, busy ${(100 * p.eventLoopUtilization).toFixed(1)} %) |`
    );
  });
  const b = result.baseline;
  return [
    `Search as you type through ${result.workers} workers, each key searched at once (first search, from starting the workers: ${ms(result.coldStartMs)}; ` +
      `a key followed by the next within ${result.typedThroughMs} ms counts as typed through, not waited on).`,
    '',
    '| typing | keystrokes | searches run / shown | keystroke → results p50 | p95 (≤ 100 ms) | worker search p95 | host event-loop max delay (≤ 20 ms) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    `| nothing typed (${b.seconds} s, the machine's own noise) | – | – | – | – | – | ${ms(b.eventLoopDelayMaxMs)} (p99 ${ms(b.eventLoopDelayP99Ms)}) |`,
  ].join('\n');
}
