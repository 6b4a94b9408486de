// `npm run bench`: the store beside raw better-sqlite3 on the same synthetic corpus, at each size in
// BENCH_SIZES (default 20000,100000). Each side runs in its own child process; results go to
// bench/results/latest.json and a Markdown table to stdout. See docs/performance.md.
import { fork } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  MAX_WORDS,
  MEAN_WORDS,
  MIN_WORDS,
  PHRASE_EVERY,
  SEED,
  VOCABULARY_SIZE,
  ZIPF_EXPONENT,
} from './corpus';
import { hostLatencyTable, measureHostLatency, type HostLatencyResult } from './hostLatency';
import { compare, table, type Figure } from './report';
import type { SideName } from './side';
import {
  INSERT_BATCH_JOURNEYS,
  SEARCH_RUNS,
  buildSide,
  compareReads,
  type BuildResult,
  type ReadResult,
} from './workload';

const DEFAULT_SIZES = [20_000, 100_000];

/**
 * A private copy of this script for the children: a build (`node esbuild.mjs` empties dist/) while the
 * benchmark runs must not pull the file from under the next child, nor swap in other code mid-run.
 */
function snapshotScript(dir: string): string {
  const copy = join(dir, 'bench.js');
  copyFileSync(process.argv[1]!, copy);
  return copy;
}

/** Runs `<script> <args>` in a child process (with --expose-gc) and resolves with what it sends. */
function runChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // The copy lives outside the project, so point require() at the project's better-sqlite3.
      env: { ...process.env, NODE_PATH: join(__dirname, '..', 'node_modules') },
    });
    let result: T | undefined;
    child.on('message', (message) => (result = message as T));
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`bench ${args.join(' ')} exited with code ${code}.`)),
    );
  });
}

function machine() {
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 1e9),
    os: `${platform()} ${release()}`,
    node: process.versions.node,
    sqlite,
  };
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? DEFAULT_SIZES.join(','))
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  const resultsDir = join(__dirname, '..', 'bench', 'results');
  const scriptDir = mkdtempSync(join(tmpdir(), 'perpetua-bench-script-'));
  const script = snapshotScript(scriptDir);
  // The search worker goes along with the script copy, for the host-latency run.
  const searchWorker = join(scriptDir, 'searchWorker.js');
  copyFileSync(join(__dirname, 'searchWorker.js'), searchWorker);
  mkdirSync(resultsDir, { recursive: true });
  const output = {
    generatedAt: new Date().toISOString(),
    machine: machine(),
    corpus: {
      seed: SEED,
      vocabulary: VOCABULARY_SIZE,
      zipfExponent: ZIPF_EXPONENT,
      wordsPerArtifact: {
        min: MIN_WORDS,
        max: MAX_WORDS,
        mean: Math.round(MEAN_WORDS),
        distribution: 'log-uniform',
      },
      phraseEvery: PHRASE_EVERY,
      shape: '2–8 stages a journey, 1–3 artifacts a stage (about 10 artifacts a journey)',
      insertBatchJourneys: INSERT_BATCH_JOURNEYS,
      searchRuns: SEARCH_RUNS,
    },
    sizes: [] as {
      artifacts: number;
      journeys: number;
      store: BuildResult;
      raw: BuildResult;
      reads: ReadResult;
      figures: Figure[];
      /** 1-minute load average at the start of each phase: other work on the machine skews every figure. */
      load: Record<string, number>;
      /** Perpetua: Search typed through the worker, and the host's event-loop delay meanwhile. */
      hostLatency: HostLatencyResult;
    }[],
  };
  console.log(`Machine: ${JSON.stringify(output.machine)}`);
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'perpetua-bench-'));
    try {
      const storePath = join(dir, 'store.db');
      const rawPath = join(dir, 'raw.db');
      const load: Record<string, number> = { buildStore: loadavg()[0]! };
      const store = await runChild<BuildResult>(script, ['build', 'store', String(size), storePath]);
      load.buildRaw = loadavg()[0]!;
      const raw = await runChild<BuildResult>(script, ['build', 'raw', String(size), rawPath]);
      load.reads = loadavg()[0]!;
      const reads = await runChild<ReadResult>(script, [
        'reads',
        String(size),
        String(store.journeys),
        storePath,
        rawPath,
      ]);
      load.hostLatency = loadavg()[0]!;
      const hostLatency = await runChild<HostLatencyResult>(script, [
        'host-latency',
        storePath,
        searchWorker,
      ]);
      const figures = compare(store, raw, reads);
      load.end = loadavg()[0]!;
      output.sizes.push({
        artifacts: size,
        journeys: store.journeys,
        store,
        raw,
        reads,
        figures,
        load,
        hostLatency,
      });
      console.log(
        `\n### ${size.toLocaleString('en-US')} artifacts, ${store.journeys.toLocaleString('en-US')} journeys\n`,
      );
      console.log(table(figures));
      const loads = Object.entries(load).map(([phase, value]) => `${phase} ${value.toFixed(1)}`);
      console.log(`\nLoad average (1 min) at the start of each phase: ${loads.join(', ')}.`);
      console.log(`\n${hostLatencyTable(hostLatency)}`);
      console.log(
        '\n| query | artifacts matched | ranking | share of the exact top 20 |\n| --- | --- | --- | --- |',
      );
      for (const s of reads.search) {
        console.log(
          `| ${s.name} \`${s.text}\` | ${s.matches.toLocaleString('en-US')} (${((100 * s.matches) / size).toFixed(1)} %) | ` +
            `${s.approximate ? 'windowed (approximate)' : 'exact'} | ${(100 * s.overlapWithExact).toFixed(0)} % |`,
        );
      }
      writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(output, null, 2) + '\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rmSync(scriptDir, { recursive: true, force: true });
  const failed = output.sizes.flatMap((s) =>
    s.figures.filter((f) => !f.ok).map((f) => `${s.artifacts}: ${f.figure}`),
  );
  console.log(`\nWrote ${join(resultsDir, 'latest.json')}. ${failed.length} figure(s) miss their target.`);
  for (const f of failed) console.log(`  missed: ${f}`);
}

const [, , mode, ...args] = process.argv;
if (mode === 'build') {
  const result = buildSide(args[0] as SideName, Number(args[1]), args[2]!);
  process.send!(result, () => process.exit(0));
} else if (mode === 'host-latency') {
  void measureHostLatency(args[0]!, args[1]!).then((result) => process.send!(result, () => process.exit(0)));
} else if (mode === 'latency') {
  // Only the search-as-you-type measurement, on an existing store file: node dist/bench.js latency <file>
  const storePath = args[0];
  if (!storePath) {
    console.error('Usage: node dist/bench.js latency <store file made by the benchmark or Perpetua>');
    process.exitCode = 2;
  } else {
    void measureHostLatency(storePath, join(__dirname, 'searchWorker.js')).then((result) =>
      console.log(hostLatencyTable(result)),
    );
  }
} else if (mode === 'reads') {
  const result = compareReads(Number(args[0]), Number(args[1]), args[2]!, args[3]!);
  process.send!(result, () => process.exit(0));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
