// Runs every test suite and prints one closing line, "N passed, N failed", that CI reads.
// Suites: unit (mocha under this Node), then the VS Code suites when their runner exists.
// Usage: node scripts/run-tests.mjs [unit|integration|e2e ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Mocha from 'mocha';

const wanted = new Set(process.argv.slice(2));
const want = (suite) => wanted.size === 0 || wanted.has(suite);
const resultsDir = mkdtempSync(join(tmpdir(), 'perpetua-results-'));
const totals = { passed: 0, failed: 0 };

function sqliteInfo() {
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(':memory:');
    const v = db.prepare('select sqlite_version() v').get().v;
    db.close();
    return v;
  } catch (error) {
    return `unavailable (${error.message})`;
  }
}

function filesUnder(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p, suffix) : p.endsWith(suffix) ? [p] : [];
  });
}

async function runUnit() {
  const mocha = new Mocha({ reporter: 'spec', timeout: 60000 });
  // Only bundles whose source still exists: the build does not wipe dist/, so a deleted test leaves a stale bundle.
  const bundles = filesUnder('dist/test/unit', '.test.js').filter((f) =>
    existsSync(f.replace(/^dist\/test\//, 'test/').replace(/\.js$/, '.ts')),
  );
  for (const f of bundles.sort()) mocha.addFile(join(process.cwd(), f));
  await mocha.loadFilesAsync();
  const failures = await new Promise((resolve) => {
    const runner = mocha.run((n) => resolve(n));
    runner.on('end', () => {
      totals.passed += runner.stats.passes;
      totals.failed += runner.stats.failures;
    });
  });
  return failures;
}

function runExternal(suite, script) {
  if (!existsSync(script)) return;
  const resultFile = join(resultsDir, `${suite}.json`);
  console.log(`\n=== ${suite} suite (${script}) ===`);
  const child = spawnSync(process.execPath, [script], {
    stdio: 'inherit',
    env: { ...process.env, PERPETUA_RESULT_FILE: resultFile },
  });
  let result;
  try {
    result = JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch {
    result = undefined;
  }
  if (result && Number.isInteger(result.passed) && Number.isInteger(result.failed)) {
    totals.passed += result.passed;
    totals.failed += result.failed;
    if (child.status !== 0 && result.failed === 0) totals.failed += 1; // the runner itself broke
  } else {
    console.error(`${suite} suite: runner exited with ${child.status} without reporting results`);
    totals.failed += 1;
  }
}

console.log(`Node ${process.version} · SQLite ${sqliteInfo()} · ${process.platform}-${process.arch}`);
if (want('unit')) await runUnit();
if (want('integration')) runExternal('integration', 'scripts/vscode/run-integration.mjs');
if (want('e2e')) runExternal('e2e', 'scripts/vscode/run-e2e.mjs');
const closing = `${totals.passed} passed, ${totals.failed} failed`;
if (process.env.PERPETUA_TOTALS_FILE) writeFileSync(process.env.PERPETUA_TOTALS_FILE, closing + '\n');
console.log(`\n${closing}`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
