import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import chromiumSettings from '../scripts/vscode/chromium.json';
import { artifactHeadMessage } from '../src/panels/artifactHead';
import { contentSecurityPolicy } from '../src/panels/csp';
import { preloadedChunks } from '../src/panels/preload';
import type { ArtifactDto, FromWebviewMessage, ToWebviewMessage } from '../src/protocol';

// Loads the built webview bundle into headless Chromium, in the page src/panels/webviewHtml.ts writes, under
// the real CSP. The only stand-in is `acquireVsCodeApi` (an init script, so the page's HTML is the real one),
// and it plays the host the way VS Code does: the page carries no data; when it posts `ready` (or
// `loadArtifact`), the message crosses to Node through a CDP binding, and Node posts the answer back into the
// page as a `message` event. So the timings include a real round trip and the cost of moving a megabyte of
// content into the page, as in VS Code. (Init scripts, CDP bindings and page.evaluate are not subject to the
// CSP.) The page and the bundle come from a local HTTP server, as VS Code serves a webview's files from the
// local disk; Playwright's request interception would add a debugger round trip to every file.

const NONCE = 'benchnonce0123456789';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.html': 'text/html',
  '.map': 'application/json',
};

/** The same Chromium, with the same flags, as the UI suite (scripts/vscode/browser.mjs). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PERPETUA_CHROMIUM ?? chromiumSettings.executablePath,
    headless: true,
    args: chromiumSettings.args,
  });
}

/** What the page watches for: the first frame in which each selector matches is recorded. */
export interface Milestones {
  /** Content a person can read is on screen (`__readableAt`). */
  readable: string;
  /** Everything is in the page (`__completeAt`). */
  complete: string;
}

const DEFAULT_MILESTONES: Milestones = {
  readable: 'main:not([aria-busy])',
  complete: "body[data-rendered='true']",
};

// The stub. It watches every frame from the start (rAF runs just before the frame's paint) for the
// milestones. `__toHost` is the CDP binding; `__fromHost` is what Node calls to deliver a message, noting
// when the first one arrived.
function stub(milestones: Milestones): string {
  return `const milestones = ${JSON.stringify(milestones)};
(function watch() {
  if (window.__readableAt === undefined && document.querySelector(milestones.readable)) window.__readableAt = performance.now();
  if (document.querySelector(milestones.complete)) window.__completeAt = performance.now();
  else requestAnimationFrame(watch);
})();
window.__posted = [];
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const t = e.target;
  window.__violations.push({ directive: e.violatedDirective, sample: e.sample, target: t && t.nodeName, html: t && t.outerHTML ? t.outerHTML.slice(0, 200) : '' });
}, true);
window.__fromHost = (message) => {
  window.__arrivedAt ??= performance.now();
  if (message.type !== 'showArtifactHead') window.__wholeArrivedAt ??= performance.now();
  window.dispatchEvent(new MessageEvent('message', { data: message }));
};
let state;
window.acquireVsCodeApi = () => ({
  postMessage(message) {
    window.__posted.push(message);
    if (message.type === 'ready') window.__readyAt = performance.now();
    void window.__toHost(message);
  },
  getState() { return state; },
  setState(s) { state = s; },
});`;
}

/** The page as src/panels/webviewHtml.ts writes it: same CSP, same preloads, no data. */
export function pageHtml(
  theme: 'vscode-light' | 'vscode-dark',
  kind: 'artifact' | 'journey',
  distDir: string,
  origin: string,
): string {
  const csp = contentSecurityPolicy(origin, NONCE, false);
  const preloads = preloadedChunks(join(distDir, 'main.js'))
    .map((chunk) => `<link rel="modulepreload" nonce="${NONCE}" href="${origin}/${chunk}">`)
    .join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<script async nonce="${NONCE}" src="${origin}/boot.js"></script>
<link rel="stylesheet" href="${origin}/codicon.css" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${origin}/main.css">${preloads}<title>bench</title></head>
<body class="${theme}" data-view="${kind}"><main id="app" aria-busy="true"><p class="loading">Loading…</p></main>
<script type="module" nonce="${NONCE}" src="${origin}/main.js"></script></body></html>`;
}

/** Posts `message` into the page, as the host's `webview.postMessage` would. */
function deliver(page: Page, message: ToWebviewMessage): Promise<void> {
  // Runs in the page; typed loosely because this file is compiled without the DOM library.
  return page.evaluate(
    (m) => (globalThis as unknown as { __fromHost(m: unknown): void }).__fromHost(m),
    message,
  );
}

/**
 * The host's side: `ready` is answered with `initial`, `loadArtifact` with the artifact from `artifacts`.
 * Answers are not awaited by the page, so a closed page's late answer is dropped.
 */
function answer(
  page: Page,
  message: FromWebviewMessage,
  initial: ToWebviewMessage,
  artifacts: Record<string, ArtifactDto>,
): void {
  let reply: ToWebviewMessage | undefined;
  if (message.type === 'ready') {
    // As ViewPanel does for a fresh page: a long document's head first, then the whole.
    const head = artifactHeadMessage(initial);
    if (head) deliver(page, head).catch(() => undefined);
    reply = initial;
  }
  if (message.type === 'loadArtifact') {
    const artifact = artifacts[message.artifactId];
    if (artifact) reply = { type: 'artifactContent', artifact };
  }
  if (reply) deliver(page, reply).catch(() => undefined);
}

const servers = new Map<string, Promise<{ server: Server; origin: string }>>();

/** Serves `distDir` and the page (`/index.html?theme=…&kind=…`) on 127.0.0.1; one server per folder. */
function assetServer(distDir: string): Promise<string> {
  let started = servers.get(distDir);
  if (!started) {
    started = new Promise((resolve, reject) => {
      let origin = '';
      const server = createServer((request, response) => {
        const url = new URL(request.url ?? '/', origin);
        const send = (status: number, type: string, body: string | Buffer) => {
          response.writeHead(status, { 'Content-Type': type });
          response.end(body);
        };
        if (url.pathname === '/index.html') {
          const theme = url.searchParams.get('theme') === 'vscode-dark' ? 'vscode-dark' : 'vscode-light';
          const kind = url.searchParams.get('kind') === 'journey' ? 'journey' : 'artifact';
          return send(200, 'text/html', pageHtml(theme, kind, distDir, origin));
        }
        const file = normalize(join(distDir, url.pathname));
        if (!file.startsWith(normalize(distDir))) return send(403, 'text/plain', 'outside the bundle');
        readFile(file).then(
          (body) => send(200, TYPES[extname(file)] ?? 'application/octet-stream', body),
          () => send(404, 'text/plain', 'not found'),
        );
      });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve({ server, origin });
      });
    });
    servers.set(distDir, started);
  }
  return started.then((s) => s.origin);
}

/** Stops the servers assetServer started. */
export async function closeAssetServers(): Promise<void> {
  const all = [...servers.values()];
  servers.clear();
  for (const started of all) {
    const { server } = await started;
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Opens a fresh page showing `initial`; resolves once navigation started (rendering goes on). */
export async function openWebviewPage(
  browser: Browser,
  distDir: string,
  initial: ToWebviewMessage,
  artifacts: Record<string, ArtifactDto> = {},
  theme: 'vscode-light' | 'vscode-dark' = 'vscode-light',
  milestones: Milestones = DEFAULT_MILESTONES,
): Promise<Page> {
  const origin = await assetServer(distDir);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const kind = initial.type === 'showJourney' ? 'journey' : 'artifact';
  await page.addInitScript({ content: stub(milestones) });
  await page.exposeBinding('__toHost', (_source, message: FromWebviewMessage) =>
    answer(page, message, initial, artifacts),
  );
  await page.goto(`${origin}/index.html?theme=${theme}&kind=${kind}`, { waitUntil: 'commit' });
  return page;
}
