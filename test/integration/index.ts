// Entry point the extension host loads (extensionTestsPath): runs every bundled *.test.js next to it with mocha.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type MochaType from 'mocha';

export async function run(): Promise<void> {
  // Loaded from node_modules at run time, not bundled: mocha finds its reporters and UIs by require().
  const Mocha = createRequire(__filename)('mocha') as typeof MochaType;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 15000 });
  // While working on one part: PERPETUA_INTEGRATION_GREP="search from the command palette" npm test
  const grep = process.env.PERPETUA_INTEGRATION_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  console.log('PERPETUA_TESTS_START'); // the runner prints from here on, not the workbench's start-up chatter
  const stats = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run(() =>
      resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }),
    );
  });
  // One machine-readable line for the runner outside (code-server or @vscode/test-electron).
  console.log(`PERPETUA_RESULT ${JSON.stringify({ passed: stats.passes, failed: stats.failures })}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed.`);
}
