// The host's side of the search workers: request ids, and the rule that a newer query supersedes every older
// one (its promise settles as superseded at once and its late result is dropped), so results are never shown
// over newer ones.
//
// Each key is searched at once, with no debounce, on a worker that is free. A query that has started cannot
// be interrupted (SQLite runs it to the end), so a superseded one keeps its worker busy: the next query goes
// to another worker, and when every worker is busy it waits as the one pending query (a newer one replaces
// it) and starts on the first worker to finish. A burst of typing therefore costs at most one search in
// flight per worker, and the last key waits for the rest of one running search at worst, instead of a timer
// plus its own search. No `vscode` here: the benchmark and the unit tests use it as is.
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
  /** Workers kept at most; each has its own read-only connection. Default DEFAULT_MAX_WORKERS. */
  maxWorkers?: number;
  /** One line per worker start, stop or failure. */
  log?: (line: string) => void;
}

/** One worker and the request it is running, if any (it is sent one at a time). */
interface Slot {
  worker: Worker;
  runningId: number | undefined;
}

/** The newest search: sent to `slot`, or waiting for a worker to be free when `slot` is undefined. */
interface Outstanding {
  message: Extract<ToWorkerMessage, { type: 'search' }>;
  slot: Slot | undefined;
  resolve: (outcome: SearchOutcome) => void;
  reject: (error: StoreError) => void;
}

/**
 * Two: typing keeps at most one superseded search running beside the newest, and the machine has other work
 * (the extension host, the window); more workers would only fight over the cores.
 */
export const DEFAULT_MAX_WORKERS = 2;

function fromWire(error: WireError): StoreError {
  return new StoreError(error.code, error.message, error.detail);
}

export class SearchClient {
  private slots: Slot[] = [];
  private databasePath: string | undefined;
  private nextId = 1;
  private outstanding: Outstanding | undefined;
  private disposed = false;
  private sent = 0;

  constructor(private readonly options: SearchClientOptions) {}

  private get maxWorkers(): number {
    return Math.max(1, this.options.maxWorkers ?? DEFAULT_MAX_WORKERS);
  }

  /** Points searches at another database (or none); workers start on the next search or warm(). */
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
   * Starts the workers now (when a search box opens), so the first keys do not wait for a worker to load
   * its code and open its connection.
   */
  warm(): void {
    const path = this.databasePath;
    if (this.disposed || path === undefined) return;
    try {
      while (this.slots.length < this.maxWorkers) this.startWorker(path);
    } catch {
      // The next search reports it.
    }
  }

  /**
   * Runs a search in a worker. Any earlier search still outstanding settles as `superseded` now.
   * Rejects with a StoreError when the database cannot be searched.
   */
  search(query: string, options: SearchOptions = {}): Promise<SearchOutcome> {
    this.supersede();
    if (this.disposed) return Promise.reject(new StoreError('CLOSED', 'Search has been shut down.'));
    if (this.databasePath === undefined) {
      return Promise.reject(
        new StoreError('CLOSED', 'The Perpetua database is not open, so there is nothing to search.'),
      );
    }
    const id = this.nextId++;
    return new Promise<SearchOutcome>((resolve, reject) => {
      this.outstanding = {
        message: { type: 'search', id, query, options },
        slot: undefined,
        resolve,
        reject,
      };
      this.dispatch();
    });
  }

  /** Drops the outstanding search (it settles as superseded); a worker already running it finishes unseen. */
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

  /** Searches sent to a worker so far; superseded ones that never had to start are not counted. */
  get sentCount(): number {
    return this.sent;
  }

  /** Sends the waiting search to a free worker, starting one if there is room; else it keeps waiting. */
  private dispatch(): void {
    const request = this.outstanding;
    const path = this.databasePath;
    if (!request || request.slot || path === undefined) return;
    let slot = this.slots.find((s) => s.runningId === undefined);
    if (!slot && this.slots.length < this.maxWorkers) {
      try {
        slot = this.startWorker(path);
      } catch (error) {
        // new Worker() itself failed (a missing bundle, say): nothing would ever answer this request.
        this.outstanding = undefined;
        request.reject(new StoreError('INTERNAL', 'The search worker could not be started.', String(error)));
        return;
      }
    }
    if (!slot) return;
    request.slot = slot;
    slot.runningId = request.message.id;
    // Keep the process alive while an answer is due (a CLI or the benchmark has nothing else running), and
    // only then: an idle worker must not keep it from exiting.
    slot.worker.ref();
    this.sent++;
    slot.worker.postMessage(request.message);
  }

  private supersede(): void {
    const previous = this.outstanding;
    if (!previous) return;
    this.outstanding = undefined;
    previous.resolve({ status: 'superseded' });
  }

  private startWorker(path: string): Slot {
    const data: SearchWorkerData =
      this.options.busyTimeoutMs === undefined
        ? { databasePath: path }
        : { databasePath: path, busyTimeoutMs: this.options.busyTimeoutMs };
    const slot: Slot = {
      worker: new Worker(this.options.workerPath, { workerData: data }),
      runningId: undefined,
    };
    // Idle until it is sent a search.
    slot.worker.unref();
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
      // A search waiting for a worker may now start a new one.
      this.dispatch();
    };
    slot.worker.on('message', (message: FromWorkerMessage) => this.onMessage(slot, message));
    slot.worker.on('error', (error) => died(String(error)));
    slot.worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  private onMessage(slot: Slot, message: FromWorkerMessage): void {
    if (!this.slots.includes(slot)) return;
    switch (message.type) {
      case 'openFailed':
        // Retry with a fresh worker next time: the host may not have created or migrated the file yet.
        this.fail(slot, fromWire(message.error));
        this.stop(slot, `it could not open the database (${message.error.code})`);
        // A search waiting for a worker tries a fresh one, which answers it (or fails it) in turn.
        this.dispatch();
        return;
      case 'result':
      case 'error': {
        if (slot.runningId === message.id) {
          slot.runningId = undefined;
          slot.worker.unref();
        }
        const current = this.outstanding;
        if (current && current.message.id === message.id) {
          this.outstanding = undefined;
          if (message.type === 'result') {
            current.resolve({ status: 'done', result: message.result, elapsedMs: message.elapsedMs });
          } else {
            current.reject(fromWire(message.error));
          }
        }
        // A late answer to a superseded search frees its worker for the one that has been waiting.
        this.dispatch();
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
    // Not terminate(): see the 'stop' message. The worker ends once it has read it (after a running search);
    // meanwhile it must not keep the process alive.
    slot.worker.postMessage({ type: 'stop' } satisfies ToWorkerMessage);
    slot.worker.unref();
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
