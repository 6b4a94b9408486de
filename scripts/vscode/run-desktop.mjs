// `npm run test:vscode-desktop`: the same integration suite under @vscode/test-electron (downloads VS Code; needs a
// display, e.g. xvfb-run on Linux CI). The code-server runner (run-integration.mjs) is what `npm test` uses here.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const dataDir = mkdtempSync(join(tmpdir(), 'perpetua-desktop-'));
const workspace = join(dataDir, 'ws');
mkdirSync(workspace);
let code = 1;
try {
  code = await runTests({
    version: process.env.PERPETUA_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'dist/test/integration/index.js'),
    extensionTestsEnv: { PERPETUA_DB: join(dataDir, 'perpetua.db'), PERPETUA_TEST_DIR: dataDir },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      `--user-data-dir=${join(dataDir, 'udd')}`,
    ],
  });
} catch (error) {
  console.error(`desktop integration run failed: ${error.message ?? error}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code === 0 ? 0 : 1);
