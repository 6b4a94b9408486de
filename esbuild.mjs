// One build for everything: the extension host bundle, the CLI, the benchmark, the webview and the test bundles.
import { build, context } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function filesUnder(dir, suffix) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(filesUnder(path, suffix));
    else if (path.endsWith(suffix)) out.push(path);
  }
  return out;
}

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  // better-sqlite3 loads its native binary relative to its own package; vscode is provided by the host.
  external: ['vscode', 'better-sqlite3'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
};

const configs = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: { bench: 'bench/main.ts' }, outdir: 'dist' },
  {
    ...node,
    entryPoints: [...filesUnder('test/unit', '.test.ts'), ...filesUnder('test/integration', '.ts')],
    outdir: 'dist/test',
    outbase: 'test',
    minify: false,
    sourcemap: 'inline',
  },
  // The search worker: its own bundle, started with `new Worker(dist/searchWorker.js)` by the host and the bench.
  { ...node, entryPoints: { searchWorker: 'src/search/searchWorker.ts' }, outdir: 'dist' },
  // --- webview bundle (owned by the webview work): browser ESM with lazily loaded chunks ---
  // main.js + main.css load with the page; Mermaid, Vega, highlight.js and the mindmap are chunks that
  // `import()` fetches when an artifact needs them. codicon.css is separate: <vscode-icon> clones that one
  // stylesheet (by its element id) into each icon's shadow root.
  {
    entryPoints: { main: 'webview/main.ts', codicon: 'node_modules/@vscode/codicons/dist/codicon.css' },
    outdir: 'dist/webview',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    bundle: true,
    platform: 'browser',
    format: 'esm',
    splitting: true,
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'linked',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'text' },
    logLevel: 'warning',
  },
  // boot.js: the page's first script, on its own (an IIFE with no imports), so it runs as soon as it arrives
  // and says `ready` to the host while main.js is still loading.
  {
    entryPoints: { boot: 'webview/boot.ts' },
    outdir: 'dist/webview',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
  },
  // The webview benchmark (npm run bench:webview): drives Chromium, which playwright-core finds at run time.
  {
    ...node,
    entryPoints: { 'bench-webview': 'bench/webview.ts' },
    outdir: 'dist',
    external: [...node.external, 'playwright-core'],
  },
  // --- end webview bundle ---
].filter((c) => {
  const entries = Array.isArray(c.entryPoints) ? c.entryPoints : Object.values(c.entryPoints);
  return (
    entries.length > 0 &&
    entries.every((e) => {
      try {
        return statSync(e).isFile();
      } catch {
        return false;
      }
    })
  );
});

if (watch) {
  for (const c of configs) await (await context(c)).watch();
  console.log('[esbuild] watching');
} else {
  await Promise.all(configs.map((c) => build(c)));
}
