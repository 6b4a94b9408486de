// Runs the integration suite inside a real VS Code's extension host (code-server + headless Chromium, recipe §6).
// Writes {"passed","failed"} to $PERPETUA_RESULT_FILE and exits 0 only when every test passed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const TIMEOUT_MS = Number(process.env.PERPETUA_INTEGRATION_TIMEOUT_MS ?? 150000);
const RESULT_LINE = /PERPETUA_RESULT (\{.*\})/;
const VERBOSE = Boolean(process.env.PERPETUA_VERBOSE);

function report(result) {
  console.log(`integration: ${result.passed} passed, ${result.failed} failed`);
  if (process.env.PERPETUA_RESULT_FILE)
    writeFileSync(process.env.PERPETUA_RESULT_FILE, JSON.stringify(result));
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('The build failed.');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'perpetua-integration-'));
  const cs = await startCodeServer();
  const browser = await launchBrowser();
  let result;
  try {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cs.base });
    const page = await browser.context.newPage();
    const remote = (path) => `vscode-remote://${cs.authority}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(join(ROOT, 'dist/test/integration/index.js'))],
      [
        'extensionEnvironment',
        JSON.stringify({ PERPETUA_DB: join(dataDir, 'perpetua.db'), PERPETUA_TEST_DIR: dataDir }),
      ],
    ]);
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    let started = VERBOSE;
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...args);
      const match = RESULT_LINE.exec(line);
      if (match) result = JSON.parse(match[1]);
      else if (line.includes('PERPETUA_TESTS_START')) started = true;
      else if (started && !result) console.log(line);
    });
    await page.goto(
      `${cs.base}/?folder=${encodeURIComponent(cs.workspace)}&payload=${encodeURIComponent(payload)}`,
    );
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') console.error(`integration: no result within ${TIMEOUT_MS / 1000} s`);
    if (!result) result = { passed: 0, failed: 1 };
    else if (code !== 0 && result.failed === 0) result.failed = 1; // the host exited badly after the tests
  } finally {
    await browser.close();
    await cs.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  report(result);
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`integration: ${error.stack ?? error}`);
    report({ passed: 0, failed: 1 });
    process.exit(1);
  },
);
