import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { contentSecurityPolicy } from '../src/panels/csp';
import { preloadedChunks } from '../src/panels/preload';
import type { ArtifactDto, ToWebviewMessage } from '../src/protocol';

// Loads the built webview bundle into headless Chromium under the real CSP. The only stand-in is
// `acquireVsCodeApi`: it answers `ready` with the message under test and `loadArtifact` from a table, in the
// page itself, so timings measure the renderer and not a round trip to Node.

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

/** The page's data: the message under test and the artifact contents, as JSON safe inside a <script>. */
function benchData(
  initial: ToWebviewMessage,
  artifacts: Record<string, ArtifactDto>,
  readableSelector: string,
): string {
  return JSON.stringify({ initial, artifacts, readableSelector }).replace(/</g, '\\u003c');
}

// The stub. The data sits in a JSON block (not executed) and is parsed when the page says `ready`, as VS Code
// would deliver a posted message; so the bundle's start-up is not slowed by a megabyte of script to parse.
// It watches every frame from the start: "readable" is the first frame (rAF runs just before its paint) in
// which the selector matches.
const STUB = `const bench = () => (window.__bench ??= JSON.parse(document.getElementById('bench-data').textContent));
const selector = document.getElementById('bench-data').dataset.readable;
(function watch() {
  if (document.querySelector(selector)) window.__readableAt = performance.now();
  else requestAnimationFrame(watch);
})();
window.__posted = [];
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const t = e.target;
  window.__violations.push({ directive: e.violatedDirective, sample: e.sample, target: t && t.nodeName, html: t && t.outerHTML ? t.outerHTML.slice(0, 200) : '' });
}, true);
let state;
window.acquireVsCodeApi = () => ({
  postMessage(message) {
    window.__posted.push(message);
    const send = (m) => window.dispatchEvent(new MessageEvent('message', { data: m }));
    if (message.type === 'ready') { window.__readyAt = performance.now(); send(bench().initial); }
    if (message.type === 'loadArtifact') { const a = bench().artifacts[message.artifactId]; if (a) setTimeout(() => send({ type: 'artifactContent', artifact: a }), 0); }
  },
  getState() { return state; },
  setState(s) { state = s; },
});`;

/** The page as src/panels/webviewHtml.ts writes it, plus the stub; same CSP, same preloads. */
export function pageHtml(
  theme: 'vscode-light' | 'vscode-dark',
  kind: 'artifact' | 'journey',
  distDir: string,
  data = '{}',
  readableSelector = 'main:not([aria-busy])',
): string {
  const csp = contentSecurityPolicy(ORIGIN, NONCE, false);
  const preloads = preloadedChunks(join(distDir, 'main.js'))
    .map((chunk) => `<link rel="modulepreload" nonce="${NONCE}" href="${ORIGIN}/${chunk}">`)
    .join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${ORIGIN}/codicon.css" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${ORIGIN}/main.css">${preloads}<title>bench</title></head>
<body class="${theme}" data-view="${kind}"><main id="app" aria-busy="true"><p class="loading">Loading…</p></main>
<script type="application/json" id="bench-data" data-readable="${readableSelector}">${data}</script>
<script nonce="${NONCE}" src="${ORIGIN}/stub.js"></script>
<script type="module" nonce="${NONCE}" src="${ORIGIN}/main.js"></script></body></html>`;
}

/** Opens a fresh page showing `initial`; resolves once navigation started (rendering goes on). */
export async function openWebviewPage(
  browser: Browser,
  distDir: string,
  initial: ToWebviewMessage,
  artifacts: Record<string, ArtifactDto> = {},
  theme: 'vscode-light' | 'vscode-dark' = 'vscode-light',
  readableSelector = 'main:not([aria-busy])',
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const kind = initial.type === 'showJourney' ? 'journey' : 'artifact';
  const data = benchData(initial, artifacts, readableSelector);
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html')
      return route.fulfill({
        contentType: 'text/html',
        body: pageHtml(theme, kind, distDir, data, readableSelector),
      });
    if (path === '/stub.js') return route.fulfill({ contentType: 'text/javascript', body: STUB });
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
