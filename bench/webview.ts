import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoDocument } from '../src/demo/demoJourneys';
import { preloadedChunks } from '../src/panels/preload';
import type { ArtifactDto } from '../src/protocol';
import { closeAssetServers, launchChromium, openWebviewPage } from './webviewHarness';
import { bigJourney, bigMarkdown } from './webviewData';

// Webview speed, in headless Chromium with the real bundle and CSP (npm run bench:webview):
// - a 1 MB Markdown artifact: time from navigation start until its first heading is on screen
//   ("readable", target 300 ms), and until the whole document is in the page ("complete");
// - a journey of 50 stages and 200 artifacts: time until the timeline is on screen (target 500 ms), and
//   until all stages are in the page and the first open artifact is drawn.
// Times are from the page's navigation start, so they include loading and parsing the bundle, and, as in
// VS Code, the round trip from the page's `ready` to the host's answer and the transfer of the content
// (webviewHarness.ts: the page's HTML holds no data; Node answers through a CDP binding). Both milestones
// are the first animation frame in which they hold.

const DIST = process.env.WEBVIEW_DIST ?? join(__dirname, 'webview');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Timing {
  /** The page said `ready` (boot.js, usually before main.js has loaded). */
  ready: number;
  /** From `ready` until the host's first answer arrived (a long document's head, else the whole). */
  roundTrip: number;
  /** From `ready` until the whole content arrived: the round trip and the transfer of all of it. */
  wholeArrived: number;
  /** main.js took the content message (it arrived, and main.js had loaded). */
  handled: number;
  /** The first frame with content on screen. */
  readable: number;
  /** `readable` minus `handled`: the renderer's own share. */
  message: number;
  /** The first frame with everything rendered. */
  complete: number;
}

/**
 * Polls an expression in the page. (Playwright's waitForFunction with a string compiles it with eval, which
 * the page's CSP forbids; page.evaluate goes through the debugger protocol and is not affected.)
 */
async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads the timestamps the page recorded (see webviewHarness.ts), all from navigation start. */
async function marks(page: Page): Promise<Timing> {
  // In-page code is given as text: this file is compiled without the DOM library.
  await waitInPage(page, 'window.__completeAt !== undefined', 60_000);
  // main.ts marks each message it handles as `perpetua:<type>`; the first show* is the one under test.
  return page.evaluate<Timing>(`(() => {
    const handled = performance.getEntriesByType('mark').find((m) => /^perpetua:show/.test(m.name)).startTime;
    return { ready: __readyAt, roundTrip: __arrivedAt - __readyAt, wholeArrived: __wholeArrivedAt - __readyAt,
      handled, readable: __readableAt,
      message: __readableAt - handled, complete: __completeAt };
  })()`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeDocument(browser: Browser, markdown: string): Promise<Timing> {
  const artifact: ArtifactDto = {
    id: 'artifact_big',
    type: 'document',
    title: 'Storage engine design review',
    content: markdown,
    metadata: { format: 'markdown' },
    createdAt: 0,
    updatedAt: 0,
  };
  const page = await openWebviewPage(
    browser,
    DIST,
    { type: 'showArtifact', artifact, options: { allowRemoteImages: false } },
    {},
    'vscode-light',
    { readable: '.markdown-body h1', complete: "body[data-rendered='true']" },
  );
  const result = await marks(page);
  const headings = await page.locator('.markdown-body h2').count();
  if (headings < 100) throw new Error(`Only ${headings} sections rendered.`);
  await page.close();
  return result;
}

async function timeJourney(browser: Browser): Promise<Timing> {
  const { journey, artifacts } = bigJourney(50, 4);
  const page = await openWebviewPage(
    browser,
    DIST,
    { type: 'showJourney', journey, options: { allowRemoteImages: false } },
    artifacts,
    'vscode-light',
    // Complete: all 50 stages are in the page and the first open artifact's body is rendered.
    { readable: 'li.stage', complete: "#app[data-complete='true'] .artifact-item[open] .artifact-body" },
  );
  const result = await marks(page);
  const stages = await page.locator('li.stage').count();
  if (stages !== 50) throw new Error(`Only ${stages} stages rendered.`);
  await page.close();
  return result;
}

function bundleSizes(): { file: string; bytes: number }[] {
  const out: { file: string; bytes: number }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.map')) out.push({ file: relative(DIST, path), bytes: statSync(path).size });
    }
  };
  walk(DIST);
  return out.sort((a, b) => b.bytes - a.bytes);
}

function report(name: string, target: number, timings: Timing[]): void {
  const r = median(timings.map((t) => t.readable));
  console.log(
    `${name}: readable ${r.toFixed(0)} ms (target ${target} ms: ${r <= target ? 'met' : 'MISSED'}), ` +
      `ready ${median(timings.map((t) => t.ready)).toFixed(0)} ms, ` +
      `first answer ${median(timings.map((t) => t.roundTrip)).toFixed(0)} ms after ready, ` +
      `all content ${median(timings.map((t) => t.wholeArrived)).toFixed(0)} ms after ready, ` +
      `message handled ${median(timings.map((t) => t.handled)).toFixed(0)} ms, ` +
      `then to the first frame ${median(timings.map((t) => t.message)).toFixed(0)} ms, complete ${median(timings.map((t) => t.complete)).toFixed(0)} ms ` +
      `(median of ${timings.length}; all readable: ${timings.map((t) => t.readable.toFixed(0)).join(', ')})`,
  );
}

/** The demo artifact of each kind, for measuring what each one makes the page fetch. */
function demoArtifacts(): { label: string; artifact: ArtifactDto }[] {
  const wanted: Record<string, string> = {
    'document (Markdown, table, code, Mermaid)': 'artifact_demo_retries_review',
    'code (highlight.js)': 'artifact_demo_retries_helper',
    'visualization: svg': 'artifact_demo_checkpoints_svg',
    'visualization: mermaid': 'artifact_demo_sync_flow',
    'visualization: vega-lite': 'artifact_demo_retries_chart',
    'mindmap (outline)': 'artifact_demo_sync_outline',
    'other (JSON)': 'artifact_demo_onboarding_error',
  };
  const all = demoDocument().journeys.flatMap((j) => j.stages.flatMap((s) => s.artifacts));
  return Object.entries(wanted).map(([label, id]) => {
    const a = all.find((x) => x.id === id)!;
    return {
      label,
      artifact: {
        id,
        type: a.type,
        title: a.title,
        content: a.content,
        metadata: a.metadata ?? {},
        createdAt: 0,
        updatedAt: 0,
      },
    };
  });
}

/** Bytes of lazy chunks each kind of artifact makes the page load, and how long until it is drawn. */
async function lazyLoads(browser: Browser): Promise<void> {
  console.log('Lazy chunks fetched per artifact type (beyond main.js and its static imports):');
  for (const { label, artifact } of demoArtifacts()) {
    const page = await openWebviewPage(browser, DIST, {
      type: 'showArtifact',
      artifact,
      options: { allowRemoteImages: false },
    });
    const preloaded = new Set(preloadedChunks(join(DIST, 'main.js')));
    let bytes = 0;
    let files = 0;
    page.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname.slice(1);
      if (!path.startsWith('chunks/') || preloaded.has(path)) return;
      files++;
      bytes += statSync(join(DIST, path)).size;
    });
    await waitInPage(page, 'window.__completeAt !== undefined', 60_000);
    const drawn = await page.evaluate<number>('__completeAt - __arrivedAt');
    console.log(
      `  ${label.padEnd(44)} ${String(files).padStart(3)} files ${(bytes / 1024).toFixed(0).padStart(6)} KB, drawn ${drawn.toFixed(0)} ms after the message`,
    );
    await page.close();
  }
}

export async function runWebviewBench(): Promise<void> {
  const sizes = bundleSizes();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('Webview bundle (dist/webview):');
  const initial = sizes.filter((s) => ['boot.js', 'main.js', 'main.css', 'codicon.css'].includes(s.file));
  for (const s of initial) console.log(`  ${s.file.padEnd(48)} ${kb(s.bytes)}  (loaded with the page)`);
  const chunks = sizes.filter((s) => s.file.startsWith('chunks/'));
  console.log(
    `  ${chunks.length} lazy chunks, ${kb(chunks.reduce((n, s) => n + s.bytes, 0))} in all; largest:`,
  );
  for (const s of chunks.slice(0, 8)) console.log(`    ${s.file.padEnd(46)} ${kb(s.bytes)}`);
  const markdown = bigMarkdown(1024 * 1024);
  const browser = await launchChromium();
  try {
    await timeDocument(browser, markdown); // warm-up: Chromium's own caches, not ours (each run is a new page)
    const doc: Timing[] = [];
    for (let i = 0; i < RUNS; i++) doc.push(await timeDocument(browser, markdown));
    report(`1 MB Markdown artifact (${(markdown.length / 1024).toFixed(0)} KB)`, 300, doc);
    await timeJourney(browser);
    const journey: Timing[] = [];
    for (let i = 0; i < RUNS; i++) journey.push(await timeJourney(browser));
    report('Journey of 50 stages and 200 artifacts', 500, journey);
    await lazyLoads(browser);
  } finally {
    await browser.close();
    await closeAssetServers();
  }
}

if (require.main === module) {
  runWebviewBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
