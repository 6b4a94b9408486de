// Messages between the extension host (SearchClient) and the search worker. Plain data only: both ends
// are Node, but nothing here may need `vscode`, so the benchmark and unit tests use the same protocol.
import type { SearchOptions, SearchResult, StoreErrorCode } from '../store';

/** Host → worker: one search at a time (the host sends the next only after the answer). */
export type ToWorkerMessage =
  | { type: 'search'; id: number; query: string; options: SearchOptions }
  /**
   * Close the connection and end. Used instead of Worker.terminate(): terminating a worker while it is still
   * loading better-sqlite3's native module aborts the whole process (a fatal N-API error), and a message is
   * only read once loading is over.
   */
  | { type: 'stop' };

/** A StoreError as it crosses the thread boundary (Error objects lose their class on the way). */
export interface WireError {
  code: StoreErrorCode;
  message: string;
  detail?: string;
}

/** Worker → host. */
export type FromWorkerMessage =
  /** The database could not be opened; every request is answered with this error until the host restarts us. */
  | { type: 'openFailed'; error: WireError }
  | { type: 'result'; id: number; result: SearchResult; elapsedMs: number }
  | { type: 'error'; id: number; error: WireError };

/** What the worker needs to know at start (passed as `workerData`). */
export interface SearchWorkerData {
  databasePath: string;
  busyTimeoutMs?: number;
}
