import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, children, perpetua, resetPerpetua } from './helpers';

describe('activation', () => {
  it('activates and opens the database at the configured default path, on disk, at the latest schema', async () => {
    const api = await perpetua();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    await children(api);
    assert.equal(api.host.state.kind, 'open');
    const store = api.host.current()!;
    assert.equal(store.path, process.env.PERPETUA_DB);
    assert.ok(existsSync(store.path), 'the database file exists on disk');
    assert.equal(store.schemaVersion(), store.status().latestSchemaVersion);
  });

  it('registers every command that package.json declares, and declares every command it registers', async () => {
    await perpetua();
    const declared = (
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        contributes: { commands: { command: string }[] };
      }
    ).contributes.commands.map((c) => c.command);
    const registered = (await vscode.commands.getCommands(true)).filter((c) =>
      /^perpetua\.[A-Za-z]+$/.test(c),
    ); // not the view's own perpetua.journeys.*
    assert.deepEqual([...registered].sort(), [...declared].sort());
  });

  it('shows no rows on an empty store, so the welcome view with its three actions appears', async () => {
    const api = await perpetua();
    await resetPerpetua(api);
    assert.deepEqual(await children(api), []);
    const welcome = (
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        contributes: { viewsWelcome: { view: string; when: string; contents: string }[] };
      }
    ).contributes.viewsWelcome.find((w) => w.view === 'perpetua.journeys')!;
    for (const command of ['perpetua.newJourney', 'perpetua.loadDemoJourneys', 'perpetua.openDatabase']) {
      assert.match(welcome.contents, new RegExp(`command:${command.replace('.', '\\.')}\\)`));
    }
  });
});
