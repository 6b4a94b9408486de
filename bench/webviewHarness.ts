import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { contentSecurityPolicy } from '../src/panels/csp';
import { preloadedChunks } from '../src/panels/preload';
import type { ArtifactDto, FromWebviewMessage, ToWebviewMessage } from '../src/protocol';

// Loads the built webview bundle into headless Chromium, in the page src/panels/webviewHtml.ts writes, under
// the real CSP. The only stand-in is `acquireVsCodeApi` (an init script, so the page's HTML is the real one),
// and it plays the host the way VS Code does: the page carries no data; when it posts `ready` (or
// `loadArtifact`), the message crosses to Node through a CDP binding, and Node posts the answer back into the
// page as a `message` event. So the timings include a real round trip and the cost of moving a megabyte of
// content into the page, as in VS Code. (Init scripts, CDP bindings and page.evaluate are not subject to the
// CSP.)

export const ORIGIN = 'https://webview.bench';
const NONCE = 'benchnonce0123456789';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.html': 'text/html',
  '.map': 'application/json',
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PERPETUA_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
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
): string {
  const csp = contentSecurityPolicy(ORIGIN, NONCE, false);
  const preloads = preloadedChunks(join(distDir, 'main.js'))
    .map((chunk) => `<link rel="modulepreload" nonce="${NONCE}" href="${ORIGIN}/${chunk}">`)
    .join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<script async nonce="${NONCE}" src="${ORIGIN}/boot.js"></script>
<link rel="stylesheet" href="${ORIGIN}/codicon.css" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${ORIGIN}/main.css">${preloads}<title>bench</title></head>
<body class="${theme}" data-view="${kind}"><main id="app" aria-busy="true"><p class="loading">Loading…</p></main>
<script type="module" nonce="${NONCE}" src="${ORIGIN}/main.js"></script></body></html>`;
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
  if (message.type === 'ready') reply = initial;
  if (message.type === 'loadArtifact') {
    const artifact = artifacts[message.artifactId];
    if (artifact) reply = { type: 'artifactContent', artifact };
  }
  if (reply) deliver(page, reply).catch(() => undefined);
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
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const kind = initial.type === 'showJourney' ? 'journey' : 'artifact';
  await page.addInitScript({ content: stub(milestones) });
  await page.exposeBinding('__toHost', (_source, message: FromWebviewMessage) =>
    answer(page, message, initial, artifacts),
  );
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html')
      return route.fulfill({ contentType: 'text/html', body: pageHtml(theme, kind, distDir) });
    const file = normalize(join(distDir, path));
    if (!file.startsWith(normalize(distDir))) return route.abort();
    try {
      return await route.fulfill({
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
        body: await readFile(file),
      });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
  await page.goto(`${ORIGIN}/index.html`, { waitUntil: 'commit' });
  return page;
}
