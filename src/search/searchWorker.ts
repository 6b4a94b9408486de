// The search worker: its own read-only connection (WAL lets it read while the host writes), answering one
// query at a time so a long search never blocks the extension host's thread.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, toStoreError, type Store } from '../store';
import type { FromWorkerMessage, SearchWorkerData, ToWorkerMessage, WireError } from './protocol';

function toWire(error: unknown, context: string): WireError {
  const e = toStoreError(error, context);
  return e.detail === undefined
    ? { code: e.code, message: e.message }
    : { code: e.code, message: e.message, detail: e.detail };
}

function start(): void {
  const port = parentPort;
  if (!port) throw new Error('searchWorker must run in a worker thread.');
  const data = workerData as SearchWorkerData;
  const post = (message: FromWorkerMessage) => port.postMessage(message);

  let store: Store | undefined;
  let openError: WireError | undefined;
  try {
    store = openStore(data.databasePath, {
      readonly: true,
      ...(data.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: data.busyTimeoutMs }),
    });
    post({ type: 'ready' });
  } catch (error) {
    openError = toWire(error, `opening ${data.databasePath} for searching`);
    post({ type: 'openFailed', error: openError });
  }

  // Requests queue up in the port while a query runs; collect them first so a cancel that arrived
  // behind its search (or a newer search) is seen before the older one starts.
  const pending: Array<Extract<ToWorkerMessage, { type: 'search' }>> = [];
  const cancelled = new Set<number>();
  let scheduled = false;

  const drain = () => {
    scheduled = false;
    const next = pending.shift();
    if (!next) return;
    if (cancelled.delete(next.id)) {
      post({ type: 'cancelled', id: next.id });
    } else if (!store) {
      post({ type: 'error', id: next.id, error: openError! });
    } else {
      const started = performance.now();
      try {
        const result = store.search(next.query, next.options);
        post({ type: 'result', id: next.id, result, elapsedMs: performance.now() - started });
      } catch (error) {
        post({ type: 'error', id: next.id, error: toWire(error, 'searching') });
      }
    }
    schedule();
  };
  // setImmediate runs after the port's pending messages are delivered, so cancels are seen in time.
  const schedule = () => {
    if (!scheduled && pending.length > 0) {
      scheduled = true;
      setImmediate(drain);
    }
  };

  port.on('message', (message: ToWorkerMessage) => {
    if (message.type === 'search') pending.push(message);
    else if (pending.some((p) => p.id === message.id)) cancelled.add(message.id);
    schedule();
  });
  port.on('close', () => store?.close());
}

start();
