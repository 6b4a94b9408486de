import type { FromWebviewMessage, ViewTarget } from '../src/protocol';

// The page's first step: take the VS Code API, hold the host's messages, and say `ready`. boot.js (a few
// hundred bytes, webview/boot.ts) takes it as soon as it arrives, so the host's answer (with a large artifact,
// tens of milliseconds of transfer) travels while main.js is still loading; main.js takes it too, and
// whichever runs first does the work. Messages that arrive before main.js listens wait here, in order.

export interface VsCodeApi {
  postMessage(message: FromWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface PageStart {
  /** The page's one VS Code API handle (acquireVsCodeApi may be called once per page load). */
  api: VsCodeApi;
  /** Hands `handler` the messages held so far, in order, and then every later one. */
  listen(handler: (event: MessageEvent) => void): void;
}

declare global {
  interface Window {
    perpetuaPageStart?: PageStart;
  }
}

export function startPage(): PageStart {
  if (window.perpetuaPageStart) return window.perpetuaPageStart;
  const api = acquireVsCodeApi();
  const held: MessageEvent[] = [];
  const hold = (event: MessageEvent) => held.push(event);
  window.addEventListener('message', hold);
  const start: PageStart = {
    api,
    listen(handler) {
      window.removeEventListener('message', hold);
      for (const event of held.splice(0)) handler(event);
      window.addEventListener('message', handler);
    },
  };
  window.perpetuaPageStart = start;
  // After a reload, the saved target tells the host what this page showed.
  const target = (api.getState() as { target?: ViewTarget } | undefined)?.target;
  api.postMessage(target ? { type: 'ready', target } : { type: 'ready' });
  return start;
}
