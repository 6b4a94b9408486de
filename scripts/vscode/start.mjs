// `npm start`: builds, loads the demo journeys into a demo database, and opens the Journey Explorer in a real
// VS Code — the desktop `code` when it is installed, else code-server in the browser (installed on first use).
// Ctrl+C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUIET_SETTINGS, startCodeServer } from './codeServer.mjs';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const DEMO = join(ROOT, '.tmp', 'demo');
const DB = join(DEMO, 'perpetua-demo.db');
const WORKSPACE = join(DEMO, 'workspace');

function step(what, command, args) {
  console.log(`[start] ${what}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`[start] ${what} failed (exit ${result.status}).`);
    process.exit(1);
  }
}

function hasDesktopCode() {
  if (process.env.PERPETUA_START === 'code-server') return false;
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Desktop VS Code in its own profile, so the demo database and the extension under development stay separate. */
function startDesktop() {
  const profile = join(DEMO, 'code-profile');
  mkdirSync(join(profile, 'User'), { recursive: true });
  writeFileSync(join(profile, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  console.log(
    `[start] opening VS Code with the Journey Explorer (database ${DB}); close the window or press Ctrl+C to stop`,
  );
  const child = spawn(
    'code',
    ['--wait', '--new-window', `--user-data-dir=${profile}`, `--extensionDevelopmentPath=${ROOT}`, WORKSPACE],
    { stdio: 'inherit', env: { ...process.env, PERPETUA_DB: DB }, detached: true },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already closed
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function startBrowser() {
  step('packaging the extension', 'npm', ['run', '--silent', 'package']);
  const port = process.env.PERPETUA_PORT ? Number(process.env.PERPETUA_PORT) : undefined;
  const cs = await startCodeServer({
    vsix: join(ROOT, 'perpetua-journey-explorer.vsix'),
    env: { PERPETUA_DB: DB },
    workspace: WORKSPACE,
    ...(port ? { port } : {}),
  });
  // startCodeServer stops the whole group on Ctrl+C (even while it is still starting); this only says so.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stopping = true;
      console.log('\n[start] stopping code-server');
    });
  }
  cs.child.on('exit', (code) => {
    if (!stopping) {
      console.error(`[start] code-server exited (${code}); its log was ${cs.logFile}`);
      process.exit(1);
    }
  });
  console.log(`\n  Perpetua Journey Explorer is running in VS Code (code-server):\n`);
  console.log(`    ${cs.base}/?folder=${encodeURIComponent(WORKSPACE)}\n`);
  console.log(`  Open it in a browser and click the Perpetua icon in the activity bar.`);
  console.log(`  Demo database: ${DB}`);
  console.log(`  Press Ctrl+C to stop.\n`);
}

mkdirSync(WORKSPACE, { recursive: true });
step('building', process.execPath, ['esbuild.mjs']);
step('loading the demo journeys', process.execPath, ['dist/cli.js', '--db', DB, 'demo']);
if (hasDesktopCode()) startDesktop();
else await startBrowser();
