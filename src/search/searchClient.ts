// The host's side of the search workers: request ids, and the rule that a newer query supersedes every older
// one (its promise settles as superseded at once and its late result is dropped), so results are never shown
// over newer ones. A query that has started cannot be interrupted (SQLite runs it to the end), so when the
// worker has been busy for a while with a superseded one (a huge prefix, say), the next query goes to a second
// worker instead of queueing behind it. A short wait is cheaper than two workers fighting over the CPU, so
// the second worker is only used past HEDGE_AFTER_MS. No `vscode` here: the benchmark and the unit tests
// use it as is.
import { Worker } from 'node:worker_threads';
import { StoreError, type SearchOptions, type SearchResult } from '../store';
import type { FromWorkerMessage, SearchWorkerData, ToWorkerMessage, WireError } from './protocol';

export type SearchOutcome =
  | { status: 'done'; result: SearchResult; /** Time the worker spent in the store. */ elapsedMs: number }
  | { status: 'superseded' };

export interface SearchClientOptions {
  /** The bundled worker script (dist/searchWorker.js). */
  workerPath: string;
  busyTimeoutMs?: number;
  /** Workers kept at most; each has its own read-only connection. Default 2. */
  maxWorkers?: number;
  /** How long every worker must have been busy before another one is started. Default HEDGE_AFTER_MS. */
  hedgeAfterMs?: number;
  /** One line per worker start, stop or failure. */
  log?: (line: string) => void;
}

/** One worker and the requests it has been sent but not answered (running or queued). */
interface Slot {
  worker: Worker;
  /** Request id → when it was sent. */
  inFlight: Map<number, number>;
  /** Opened its connection; until then it is starting, not stuck. */
  ready: boolean;
}

interface Outstanding {
  id: number;
  slot: Slot;
  resolve: (outcome: SearchOutcome) => void;
  reject: (error: StoreError) => void;
}

const DEFAULT_MAX_WORKERS = 2;
/** A worker busy longer than this is probably stuck in a slow query: start the next one elsewhere. */
export const HEDGE_AFTER_MS = 150;

function fromWire(error: WireError): StoreError {
  return new StoreError(error.code, error.message, error.detail);
}

export class SearchClient {
  private slots: Slot[] = [];
  private databasePath: string | undefined;
  private nextId = 1;
  private outstanding: Outstanding | undefined;
  private disposed = false;

  constructor(private readonly options: SearchClientOptions) {}

  /** Points searches at another database (or none); workers are started lazily, on the next search. */
  setDatabasePath(path: string | undefined): void {
    if (path === this.databasePath) return;
    this.databasePath = path;
    this.stopWorkers('the database changed');
  }

  /** Starts afresh on the next search, e.g. after the file was reopened. */
  restart(reason: string): void {
    this.stopWorkers(reason);
  }

  /**
   * Runs a search in a worker. Any earlier search still outstanding settles as `superseded` now.
   * Rejects with a StoreError when the database cannot be searched.
   */
  search(query: string, options: SearchOptions = {}): Promise<SearchOutcome> {
    this.supersede();
    if (this.disposed) return Promise.reject(new StoreError('CLOSED', 'Search has been shut down.'));
    const path = this.databasePath;
    if (path === undefined) {
      return Promise.reject(
        new StoreError('CLOSED', 'The Perpetua database is not open, so there is nothing to search.'),
      );
    }
    const slot = this.pickSlot(path);
    const id = this.nextId++;
    slot.inFlight.set(id, performance.now());
    // Keep the process alive while an answer is due (a CLI or the benchmark has nothing else running), and
    // only then: an idle worker must not keep it from exiting.
    slot.worker.ref();
    return new Promise<SearchOutcome>((resolve, reject) => {
      this.outstanding = { id, slot, resolve, reject };
      this.post(slot, { type: 'search', id, query, options });
    });
  }

  /** Drops the outstanding search (it settles as superseded); its worker skips it if it has not started. */
  cancel(): void {
    this.supersede();
  }

  get busy(): boolean {
    return this.outstanding !== undefined;
  }

  /** Workers alive now (for tests and the benchmark). */
  get workerCount(): number {
    return this.slots.length;
  }

  /**
   * An idle worker; else, when every worker has been busy past HEDGE_AFTER_MS and there is room, a new one;
   * else the one whose work started last (its queue drops the cancelled requests before ours).
   */
  private pickSlot(path: string): Slot {
    const idle = this.slots.find((s) => s.inFlight.size === 0);
    if (idle) return idle;
    const now = performance.now();
    const busySince = (s: Slot) => Math.min(...s.inFlight.values());
    const hedgeAfter = this.options.hedgeAfterMs ?? HEDGE_AFTER_MS;
    const stuck = this.slots.every((s) => s.ready && now - busySince(s) >= hedgeAfter);
    if (
      this.slots.length === 0 ||
      (stuck && this.slots.length < (this.options.maxWorkers ?? DEFAULT_MAX_WORKERS))
    ) {
      return this.startWorker(path);
    }
    return this.slots.reduce((a, b) => (busySince(b) > busySince(a) ? b : a));
  }

  private supersede(): void {
    const previous = this.outstanding;
    if (!previous) return;
    this.outstanding = undefined;
    if (this.slots.includes(previous.slot)) this.post(previous.slot, { type: 'cancel', id: previous.id });
    previous.resolve({ status: 'superseded' });
  }

  private post(slot: Slot, message: ToWorkerMessage): void {
    slot.worker.postMessage(message);
  }

  private startWorker(path: string): Slot {
    const data: SearchWorkerData =
      this.options.busyTimeoutMs === undefined
        ? { databasePath: path }
        : { databasePath: path, busyTimeoutMs: this.options.busyTimeoutMs };
    const slot: Slot = {
      worker: new Worker(this.options.workerPath, { workerData: data }),
      inFlight: new Map(),
      ready: false,
    };
    this.slots.push(slot);
    this.options.log?.(`Search worker ${this.slots.length} started for ${path}.`);
    const died = (detail: string) => {
      if (!this.remove(slot)) return;
      this.fail(
        slot,
        new StoreError(
          'INTERNAL',
          'The search worker stopped unexpectedly; the next search restarts it.',
          detail,
        ),
      );
    };
    slot.worker.on('message', (message: FromWorkerMessage) => this.onMessage(slot, message));
    slot.worker.on('error', (error) => died(String(error)));
    slot.worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  private onMessage(slot: Slot, message: FromWorkerMessage): void {
    if (!this.slots.includes(slot)) return;
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        return;
      case 'openFailed':
        // Retry with a fresh worker next time: the host may not have created or migrated the file yet.
        this.fail(slot, fromWire(message.error));
        this.stop(slot, `it could not open the database (${message.error.code})`);
        return;
      case 'cancelled':
      case 'result':
      case 'error': {
        slot.inFlight.delete(message.id);
        if (slot.inFlight.size === 0) slot.worker.unref();
        const current = this.outstanding;
        // A late answer to a superseded request, or a cancellation: nothing is waiting for it.
        if (message.type === 'cancelled' || !current || current.id !== message.id) return;
        this.outstanding = undefined;
        if (message.type === 'result') {
          current.resolve({ status: 'done', result: message.result, elapsedMs: message.elapsedMs });
        } else {
          current.reject(fromWire(message.error));
        }
        return;
      }
    }
  }

  /** Rejects the outstanding search if it was sent to `slot`. */
  private fail(slot: Slot, error: StoreError): void {
    const current = this.outstanding;
    if (!current || current.slot !== slot) return;
    this.outstanding = undefined;
    current.reject(error);
  }

  private remove(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    return true;
  }

  private stop(slot: Slot, reason: string): void {
    if (!this.remove(slot)) return;
    this.options.log?.(`Search worker stopped: ${reason}.`);
    void slot.worker.terminate();
  }

  private stopWorkers(reason: string): void {
    this.supersede();
    for (const slot of [...this.slots]) this.stop(slot, reason);
  }

  dispose(): void {
    this.disposed = true;
    this.stopWorkers('search is shutting down');
  }
}
