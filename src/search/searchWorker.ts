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
  } catch (error) {
    openError = toWire(error, `opening ${data.databasePath} for searching`);
    post({ type: 'openFailed', error: openError });
  }

  // The host sends one search at a time; any that arrive while one runs wait in the port, in order.
  port.on('message', (message: ToWorkerMessage) => {
    if (message.type === 'stop') {
      port.close(); // nothing else keeps the thread alive, so it ends; 'close' closes the connection
      return;
    }
    if (!store) {
      post({ type: 'error', id: message.id, error: openError! });
      return;
    }
    const started = performance.now();
    try {
      const result = store.search(message.query, message.options);
      post({ type: 'result', id: message.id, result, elapsedMs: performance.now() - started });
    } catch (error) {
      post({ type: 'error', id: message.id, error: toWire(error, 'searching') });
    }
  });
  port.on('close', () => store?.close());
}

start();
