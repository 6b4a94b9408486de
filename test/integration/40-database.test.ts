import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import * as vscode from 'vscode';
import type { PerpetuaApi } from '../../src/extension';
import { openStore, type CheckReport, type Journey } from '../../src/store';
import {
  children,
  itemOf,
  labelOf,
  perpetua,
  resetPerpetua,
  setDatabasePath,
  testFile,
  waitFor,
} from './helpers';

const run = promisify(execFile);
const Database = createRequire(__filename)('better-sqlite3') as typeof BetterSqlite3;

describe('the database behind the tree', () => {
  let api: PerpetuaApi;
  beforeEach(async () => {
    api = await perpetua();
    await resetPerpetua(api);
  });
  after(async () => resetPerpetua(await perpetua()));

  it('reopens the store when perpetua.databasePath changes, without a reload', async () => {
    const other = testFile('other.db');
    const seeded = openStore(other);
    seeded.journeys.create({ input: 'Only in the other database' });
    seeded.close();

    await setDatabasePath(other);
    await waitFor('the other database to open', () => api.host.current()?.path === other);
    assert.deepEqual(
      (await children(api)).map((n) => labelOf(api, n)),
      ['Only in the other database'],
    );

    await setDatabasePath(undefined);
    await waitFor(
      'the default database to reopen',
      () => api.host.current()?.path === process.env.PERPETUA_DB,
    );
    assert.deepEqual(await children(api), []);
  });

  it('Open Database… points the setting at the chosen file', async () => {
    const chosen = testFile('chosen.db');
    openStore(chosen).close();
    assert.equal(
      await vscode.commands.executeCommand('perpetua.openDatabase', vscode.Uri.file(chosen)),
      chosen,
    );
    assert.equal(vscode.workspace.getConfiguration('perpetua').get('databasePath'), chosen);
    await waitFor('the chosen database to open', () => api.host.current()?.path === chosen);
  });

  it('shows a journey another program writes within a second, without a refresh', async () => {
    await children(api);
    const other = openStore(process.env.PERPETUA_DB!);
    try {
      const started = Date.now();
      const refreshed = new Promise<void>((resolve) => {
        const sub = api.view.provider.onDidChangeTreeData(() => {
          sub.dispose();
          resolve();
        });
      });
      other.journeys.create({ input: 'Written by the CLI' });
      await Promise.race([refreshed, new Promise((r) => setTimeout(r, 1000))]);
      assert.ok(
        Date.now() - started < 1000,
        `the tree was told within a second (took ${Date.now() - started} ms)`,
      );
      assert.deepEqual(
        (await children(api)).map((n) => labelOf(api, n)),
        ['Written by the CLI'],
      );
      other.journeys.update(other.journeys.findAll().items[0]!.id, { status: 'paused' });
      await waitFor(
        'the status change to show',
        async () => (await children(api)).some((n) => itemOf(api, n).contextValue === 'journey.paused'),
        1000,
      );
    } finally {
      other.close();
    }
  });

  it('follows the CLI, a separate process, changing a journey within a second', async () => {
    const cli = join(__dirname, '..', '..', 'cli.js'); // dist/cli.js, built with this suite
    assert.ok(existsSync(cli), `${cli} exists`);
    const journey = await vscode.commands.executeCommand<Journey>('perpetua.newJourney', 'Changed elsewhere');
    await run(
      process.execPath,
      [cli, '--db', process.env.PERPETUA_DB!, 'set-status', journey.id, 'stopped'],
      {
        // Under desktop VS Code, execPath is Electron: this makes it behave as Node.
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      },
    );
    await waitFor(
      'the tree to show the stopped journey',
      async () => (await children(api)).some((n) => itemOf(api, n).contextValue === 'journey.stopped'),
      1000,
    );
  });

  it('Check Database finds a stage whose journey is gone, and leaves the file for the person to decide', async () => {
    const damaged = testFile('damaged.db');
    const seeded = openStore(damaged);
    const journey = seeded.journeys.create({ input: 'Will lose its row' });
    seeded.stages.create({ journeyId: journey.id, type: 'discovering', prompt: 'orphan to be' });
    seeded.close();
    const raw = new Database(damaged);
    raw.pragma('foreign_keys = OFF');
    raw.prepare('DELETE FROM journeys WHERE id = ?').run(journey.id);
    raw.close();

    await setDatabasePath(damaged);
    await waitFor('the damaged database to open', () => api.host.current()?.path === damaged);
    const report = await vscode.commands.executeCommand<CheckReport>('perpetua.checkDatabase', true);
    assert.equal(report.ok, false);
    assert.ok(
      report.problems.some((p) => /stages/.test(p) && /journeys/.test(p)),
      report.problems.join(' | '),
    );
    assert.equal(api.host.current()!.stages.findByJourneyId(journey.id).length, 1, 'nothing was deleted');
  });

  it('explains a relative database path instead of guessing where it is', async () => {
    await setDatabasePath('relative/perpetua.db');
    await waitFor(
      'the error state',
      () => (api.view.provider.getChildren(), api.host.state.kind === 'error'),
    );
    assert.match(api.view.treeView.message ?? '', /must be an absolute path/);
  });

  it('explains a file that is not a database, offers a way out, and leaves the file untouched', async () => {
    const bogus = testFile('notes.db');
    const bytes = 'These are my notes, not a database.\n'.repeat(200);
    writeFileSync(bogus, bytes);
    await setDatabasePath(bogus);
    await waitFor(
      'the error state',
      () => (api.view.provider.getChildren(), api.host.state.kind === 'error'),
    );
    const state = api.host.state;
    assert.ok(state.kind === 'error');
    assert.equal(state.error.code, 'CORRUPT');
    const rows = await children(api);
    assert.deepEqual(
      rows.map((n) => labelOf(api, n)),
      [
        'Cannot open the database',
        'Open another database…',
        'Show details in the output',
        'Use the default database',
      ],
    );
    assert.equal(itemOf(api, rows[0]!).description, 'CORRUPT');
    assert.equal(itemOf(api, rows[1]!).command?.command, 'perpetua.openDatabase');
    assert.equal(itemOf(api, rows[2]!).command?.command, 'perpetua.showLog');
    assert.match(api.view.treeView.message ?? '', /not a SQLite database/);
    assert.equal(readFileSync(bogus, 'utf8'), bytes, 'not a byte changed');
    assert.equal(
      await vscode.commands.executeCommand('perpetua.newJourney', 'x'),
      undefined,
      'commands refuse politely',
    );

    await vscode.commands.executeCommand('perpetua.useDefaultDatabase');
    await waitFor('the default database', () => api.host.current()?.path === process.env.PERPETUA_DB);
    await children(api); // what the view does after the refresh
    assert.equal(api.view.treeView.message, undefined);
  });

  it('refuses a database written by a newer Perpetua and leaves it as it was', async () => {
    const newer = testFile('newer.db');
    const seeded = openStore(newer);
    seeded.journeys.create({ input: 'From the future' });
    seeded.close();
    const raw = new Database(newer);
    raw
      .prepare('INSERT INTO migrations (version, name, applied_at) VALUES (99, ?, 0)')
      .run('from-the-future');
    raw.close();
    const before = readFileSync(newer);

    await setDatabasePath(newer);
    await waitFor(
      'the error state',
      () => (api.view.provider.getChildren(), api.host.state.kind === 'error'),
    );
    const state = api.host.state;
    assert.ok(state.kind === 'error' && state.error.code === 'SCHEMA_TOO_NEW');
    assert.match(api.view.treeView.message ?? '', /newer Perpetua/);
    assert.deepEqual(readFileSync(newer), before);
  });
});
