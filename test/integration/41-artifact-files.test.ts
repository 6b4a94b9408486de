import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PerpetuaApi } from '../../src/extension';
import { openStore } from '../../src/store';
import { seedSearchCorpus, type SearchCorpus } from '../helpers/searchCorpus';
import { perpetua, resetPerpetua, testFile, waitFor } from './helpers';

async function revertAndCloseAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && document.uri.scheme === 'perpetua') {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function perpetuaTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'perpetua');
}

async function openSource(id: string): Promise<vscode.TextEditor> {
  const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>(
    'perpetua.openArtifactSource',
    id,
  );
  assert.ok(editor, 'the command returns the editor');
  return editor;
}

/** Another program writing the database: its own connection, not the extension's. */
function writeElsewhere(write: (store: ReturnType<typeof openStore>) => void): void {
  const store = openStore(process.env.PERPETUA_DB!);
  try {
    write(store);
  } finally {
    store.close();
  }
}

async function edit(editor: vscode.TextEditor, text: string): Promise<void> {
  const document = editor.document;
  const all = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  assert.ok(await editor.edit((e) => e.replace(all, text)));
}

describe('artifacts in editor tabs', () => {
  let api: PerpetuaApi;
  let corpus: SearchCorpus;

  beforeEach(async () => {
    api = await perpetua();
    await revertAndCloseAll();
    await resetPerpetua(api);
    corpus = api.host.write((store) => seedSearchCorpus(store));
  });
  afterEach(revertAndCloseAll);

  it('opens code with a readable path, its language and the title as the tab name', async () => {
    const editor = await openSource(corpus.helper);
    const uri = editor.document.uri;
    assert.equal(uri.scheme, 'perpetua');
    assert.equal(uri.path, '/Make HTTP retries safe/01-solving/Retry helper.ts');
    assert.equal(editor.document.languageId, 'typescript');
    assert.match(editor.document.getText(), /exponential backoff with full jitter/);
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, 'Retry helper.ts');
  });

  it('opens each artifact type as the file type it is', async () => {
    const expected: Array<[string, string, string]> = [
      [corpus.policy, 'Retry policy.md', 'markdown'],
      [corpus.curve, 'Backoff curve.svg', 'xml'],
      [corpus.flow, 'Retry decision flow.mmd', ''],
      [corpus.ideas, 'Cache ideas.md', 'markdown'],
    ];
    for (const [id, name, language] of expected) {
      const editor = await openSource(id);
      assert.ok(editor.document.uri.path.endsWith(`/${name}`), editor.document.uri.path);
      if (language) assert.equal(editor.document.languageId, language, name);
      assert.equal(editor.document.getText(), api.host.require().artifacts.getById(id).content);
    }
  });

  it('opens documents in a text editor and pictures in the rendered view when it is there', async () => {
    await vscode.commands.executeCommand('perpetua.openArtifact', corpus.policy);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'markdown');
    const rendered = (await vscode.commands.getCommands(true)).includes('perpetua.openArtifactRendered');
    await vscode.commands.executeCommand('perpetua.openArtifact', corpus.curve);
    if (rendered) {
      await waitFor(
        'the rendered view',
        () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview,
      );
    } else {
      assert.ok(vscode.window.activeTextEditor?.document.uri.path.endsWith('Backoff curve.svg'));
    }
  });

  it('switches from the source to the rendered view and back, from the editor', async () => {
    const source = await openSource(corpus.flow);
    const rendered = (await vscode.commands.getCommands(true)).includes('perpetua.openArtifactRendered');
    // The editor title's button passes the file's URI.
    await vscode.commands.executeCommand('perpetua.showArtifactRendered', source.document.uri);
    if (rendered) {
      await waitFor(
        'the rendered view',
        () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview,
      );
    }
    const back = await openSource(corpus.flow);
    assert.equal(back.document.uri.toString(), source.document.uri.toString());
    assert.equal(perpetuaTabs().length, 1);
  });

  it('focuses the open tab when the same artifact is opened again', async () => {
    const first = await openSource(corpus.helper);
    await openSource(corpus.policy);
    const again = await openSource(corpus.helper);
    assert.equal(again.document.uri.toString(), first.document.uri.toString());
    assert.equal(perpetuaTabs().length, 2);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), first.document.uri.toString());
  });

  it('writes a saved edit back to the store, where search finds it at once', async () => {
    const editor = await openSource(corpus.policy);
    await edit(editor, '# Retry policy\n\nRetries now follow the capybara rule.\n');
    assert.ok(await editor.document.save());
    assert.equal(editor.document.isDirty, false);
    const stored = api.host.require().artifacts.getById(corpus.policy);
    assert.equal(stored.content, '# Retry policy\n\nRetries now follow the capybara rule.\n');
    assert.ok(api.search.prepare());
    const outcome = await api.search.client.search('capybara');
    assert.equal(outcome.status, 'done');
    assert.deepEqual(
      outcome.status === 'done' ? outcome.result.hits.map((h) => h.kind === 'artifact' && h.artifactId) : [],
      [corpus.policy],
    );
  });

  it('reloads an open, unedited artifact when another program changes it', async () => {
    const editor = await openSource(corpus.policy);
    writeElsewhere((store) =>
      store.artifacts.update(corpus.policy, { content: 'Rewritten by the desktop app.' }),
    );
    await waitFor(
      'the editor to show the new text',
      () => editor.document.getText() === 'Rewritten by the desktop app.',
      5000,
    );
  });

  it('refuses to overwrite a change made elsewhere since the artifact was opened', async () => {
    const editor = await openSource(corpus.policy);
    const original = editor.document.getText();
    // Same length as the original, so only our own check (not VS Code's size-based one) can notice.
    const theirs = original.replace('Never', 'NEVER');
    await edit(editor, original.replace('backoff', 'BACKOFF'));
    writeElsewhere((store) => store.artifacts.update(corpus.policy, { content: theirs }));
    const saved = await editor.document.save();
    assert.equal(saved, false, 'the save is refused');
    assert.equal(editor.document.isDirty, true, 'the edits stay in the editor');
    assert.equal(api.host.require().artifacts.getById(corpus.policy).content, theirs, 'their text is kept');
    await waitFor('the conflict to be reported', () =>
      api.artifacts.conflicts.some((c) => c.artifactId === corpus.policy),
    );
  });

  it('refuses the save, too, when the other change has a different length', async () => {
    const editor = await openSource(corpus.helper);
    await edit(editor, 'mine');
    writeElsewhere((store) => store.artifacts.update(corpus.helper, { content: 'theirs, longer than mine' }));
    assert.equal(await editor.document.save(), false);
    assert.equal(api.host.require().artifacts.getById(corpus.helper).content, 'theirs, longer than mine');
  });

  it('says an artifact was deleted while it was open, and does not bring it back on save', async () => {
    const editor = await openSource(corpus.ideas);
    const uri = editor.document.uri;
    await edit(editor, 'edited after the delete');
    api.host.write((store) => store.artifacts.delete(corpus.ideas));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(uri)), (error: unknown) => {
      assert.ok(error instanceof vscode.FileSystemError);
      assert.equal(error.code, 'FileNotFound');
      return true;
    });
    assert.equal(await editor.document.save(), false);
    assert.equal(api.host.require().artifacts.findById(corpus.ideas), undefined);
  });

  it('saves an artifact into the workspace with Save As', async () => {
    const editor = await openSource(corpus.helper);
    await edit(editor, 'unsaved text goes along');
    const target = vscode.Uri.file(testFile('saved-retry.ts'));
    const written = await vscode.commands.executeCommand<vscode.Uri>(
      'perpetua.saveArtifactAs',
      corpus.helper,
      target,
    );
    assert.equal(written?.toString(), target.toString());
    assert.equal(readFileSync(target.fsPath, 'utf8'), 'unsaved text goes along');
  });

  it('shows stages as read-only Markdown that cannot be written', async () => {
    const editor = await api.artifacts.openStage(corpus.solving);
    assert.equal(editor.document.uri.path, '/Make HTTP retries safe/01-solving.md');
    assert.equal(editor.document.languageId, 'markdown');
    assert.match(editor.document.getText(), /## Result\n\nUse exponential backoff/);
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.writeFile(editor.document.uri, new TextEncoder().encode('x'))),
      /read-only|NoPermissions/i,
    );
  });

  it('lists journeys and stages as folders, for breadcrumbs', async () => {
    const editor = await openSource(corpus.helper);
    const stageFolder = vscode.Uri.joinPath(editor.document.uri, '..');
    const entries = await vscode.workspace.fs.readDirectory(stageFolder);
    assert.deepEqual(entries.map(([name]) => name).sort(), [
      'Backoff curve.svg',
      'Retry helper.ts',
      'Retry policy.md',
    ]);
    const sibling = vscode.Uri.joinPath(stageFolder, 'Retry policy.md');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(sibling));
    assert.match(text, /^# Retry policy/);
    const journeyFolder = vscode.Uri.joinPath(stageFolder, '..');
    const stages = await vscode.workspace.fs.readDirectory(journeyFolder);
    assert.deepEqual(
      stages.map(([name]) => name),
      ['01-solving', '01-solving.md', '02-challenging', '02-challenging.md'],
    );
  });
});
