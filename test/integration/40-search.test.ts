import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PerpetuaApi } from '../../src/extension';
import type { SearchItem } from '../../src/search/searchItems';
import type { SearchPicker } from '../../src/search/searchPicker';
import { parseSearchText, toSearchOptions } from '../../src/search/searchText';
import type { SearchHit } from '../../src/store';
import { seedSearchCorpus, type SearchCorpus } from '../helpers/searchCorpus';
import { children, perpetua, resetPerpetua, waitFor } from './helpers';

function idOf(hit: SearchHit): string {
  return hit.kind === 'artifact' ? hit.artifactId : hit.stageId;
}

function hitIds(items: readonly SearchItem[]): string[] {
  return items.flatMap((item) => (item.type === 'hit' ? [idOf(item.hit)] : []));
}

/**
 * Opens `Perpetua: Search` and types `text` into it one character at a time. Each step sets the real quick
 * pick's value, which VS Code echoes back as a change event, as it does for a key press (the `type` command
 * only reaches code editors, not the quick input; the e2e suite presses real keys).
 */
async function typeSearch(
  api: PerpetuaApi,
  text: string,
  command = 'perpetua.search',
  ...args: unknown[]
): Promise<SearchPicker> {
  await vscode.commands.executeCommand(command, ...args);
  const picker = await waitFor('the search box', () => api.search.current);
  await api.search.shown;
  await typeInto(picker, text);
  return picker;
}

async function typeInto(picker: SearchPicker, text: string): Promise<void> {
  const start = picker.quickPick.value;
  for (let i = 1; i <= text.length; i++) picker.quickPick.value = start + text.slice(0, i);
  await waitFor(`results for "${start + text}"`, () => picker.settledValue === start + text, 5000);
  await picker.whenIdle();
}

/** What the store itself answers for the same text: the order the picker must show. */
function storeOrder(api: PerpetuaApi, text: string): string[] {
  const parsed = parseSearchText(text);
  return api.host.require().search(parsed.query, toSearchOptions(parsed.filters, 50)).hits.map(idOf);
}

async function closeEverything(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('search from the command palette', () => {
  let api: PerpetuaApi;
  let corpus: SearchCorpus;

  beforeEach(async () => {
    api = await perpetua();
    await closeEverything();
    await resetPerpetua(api);
    corpus = api.host.write((store) => seedSearchCorpus(store));
  });
  afterEach(closeEverything);

  it('shows artifacts and stages as you type, in the order the store ranks them', async () => {
    const picker = await typeSearch(api, 'retr');
    const expected = storeOrder(api, 'retr');
    assert.ok(expected.length >= 5, `the corpus has retry hits (${expected.length})`);
    assert.deepEqual(hitIds(picker.items), expected);
    // Titles weigh most: the three artifacts called "Retry …" come first.
    assert.deepEqual(
      hitIds(picker.items).slice(0, 3).sort(),
      [corpus.helper, corpus.policy, corpus.flow].sort(),
    );
    assert.match(picker.quickPick.title ?? '', /\d+ results/);
    assert.equal(picker.quickPick.busy, false);
  });

  it('labels each hit with its title, "journey › stage" and the snippet, and never lets VS Code filter it', async () => {
    const picker = await typeSearch(api, 'jitter');
    const helper = picker.items.find((i) => i.type === 'hit' && idOf(i.hit) === corpus.helper)!;
    assert.equal(helper.label, 'Retry helper');
    assert.equal(helper.description, 'Make HTTP retries safe › Solving');
    assert.match(helper.detail ?? '', /jitter/);
    assert.ok(helper.iconPath instanceof vscode.ThemeIcon);
    const stage = picker.items.find((i) => i.type === 'hit' && idOf(i.hit) === corpus.solving)!;
    assert.equal(stage.label, 'Solving stage · result');
    assert.ok(picker.items.every((i) => i.alwaysShow === true));
    assert.equal(picker.quickPick.matchOnDescription, false);
    assert.equal(picker.quickPick.matchOnDetail, false);
  });

  it('finds quoted phrases and excludes words with a minus', async () => {
    let picker = await typeSearch(api, '"full jitter" ');
    assert.deepEqual(hitIds(picker.items).sort(), [corpus.helper, corpus.solving].sort());
    await closeEverything();
    picker = await typeSearch(api, 'jitter -thundering ');
    assert.deepEqual(hitIds(picker.items).sort(), [corpus.helper, corpus.policy].sort());
  });

  it('applies filters typed into the box', async () => {
    const cases: Array<[string, string[]]> = [
      ['type:code retry', [corpus.helper]],
      ['type:visualization,mindmap retry', [corpus.flow, corpus.ideas]],
      ['stage:challenging cach', [corpus.challenging]],
      ['status:running purge', [corpus.cacheStage, corpus.ideas]],
      ['kind:stage backoff', [corpus.solving]],
      [`journey:${corpus.caching} retry`, [corpus.ideas]],
    ];
    for (const [text, expected] of cases) {
      await closeEverything();
      const picker = await typeSearch(api, text);
      assert.deepEqual(hitIds(picker.items).sort(), [...expected].sort(), text);
      assert.deepEqual(hitIds(picker.items), storeOrder(api, text), `${text}: store order`);
    }
  });

  it('names an unknown filter value and shows no results for it', async () => {
    const picker = await typeSearch(api, 'type:spreadsheet retry');
    assert.deepEqual(picker.items, []);
    assert.match(picker.quickPick.title ?? '', /"spreadsheet" is not an artifact type/);
  });

  it('says so when nothing matches, and when nothing searchable was typed', async () => {
    let picker = await typeSearch(api, 'zebra ');
    assert.deepEqual(picker.items, []);
    assert.match(picker.quickPick.title ?? '', /No results for "zebra"/);
    await closeEverything();
    picker = await typeSearch(api, '"" ** ');
    assert.deepEqual(picker.items, []);
    assert.match(picker.quickPick.title ?? '', /Type a word to search/);
  });

  it('survives a matrix of hostile queries typed into the real quick pick', async () => {
    const hostile = [
      '"',
      '"unclosed phrase',
      '***',
      '-',
      '-retry',
      'NEAR(retry backoff, 2)',
      'retry OR backoff',
      'retry AND',
      '(retry',
      'title:retry',
      '{title content}: retry',
      '^retry',
      "'; DROP TABLE artifacts; --",
      '\\',
      '%_%',
      'retry\u200b',
      '🙂 retry',
      'ретрай',
      'type:',
      'journey:',
      'x'.repeat(300),
    ];
    for (const text of hostile) {
      await closeEverything();
      const picker = await typeSearch(api, text);
      const title = picker.quickPick.title ?? '';
      assert.match(
        title,
        /results?|No results|Type a word|is not|needs a value/,
        `"${text}" gives a clear answer, not an error: ${title}`,
      );
      assert.doesNotMatch(title, /Unexpected|INTERNAL|stopped unexpectedly/, text);
    }
    await closeEverything();
    const picker = await typeSearch(api, 'backoff');
    assert.ok(picker.items.length > 0, 'search still works afterwards');
  });

  it('shows the results of the last keystroke only, however fast the typing', async () => {
    await vscode.commands.executeCommand('perpetua.search');
    const picker = await waitFor('the search box', () => api.search.current);
    const seen: string[] = [];
    const watch = picker.quickPick.onDidChangeValue((v) => seen.push(v));
    // Keys 10 ms apart, faster than a search: each keystroke supersedes the one before.
    const text = 'cache purge';
    for (let i = 1; i <= text.length; i++) {
      picker.quickPick.value = text.slice(0, i);
      await new Promise((r) => setTimeout(r, 10));
    }
    await waitFor('the last keystroke to settle', () => picker.settledValue === text, 5000);
    await picker.whenIdle();
    watch.dispose();
    assert.ok(seen.length >= 5, `VS Code reported the keystrokes (${seen.length})`);
    assert.deepEqual(hitIds(picker.items), storeOrder(api, text));
    assert.deepEqual(hitIds(picker.items).sort(), [corpus.cacheStage, corpus.ideas].sort());
  });

  it('opens an artifact hit in an editor tab with Enter, and remembers the search', async function () {
    // The first TypeScript file of the session starts VS Code's TypeScript support: slow on a busy machine.
    this.timeout(45000);
    const picker = await typeSearch(api, 'type:code retry');
    assert.equal(hitIds(picker.items)[0], corpus.helper);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const editor = await waitFor(
      'the artifact editor',
      () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.scheme === 'perpetua' ? e : undefined;
      },
      40000,
    );
    assert.equal(new URLSearchParams(editor.document.uri.query).get('artifact'), corpus.helper);
    assert.equal(editor.document.languageId, 'typescript');

    await closeEverything();
    await vscode.commands.executeCommand('perpetua.search');
    const again = await waitFor('the search box', () => api.search.current);
    await waitFor('recent searches', () => again.items.length > 0);
    assert.equal(again.items[0]!.type, 'recent');
    assert.equal(again.items[0]!.label, 'type:code retry');
  });

  it('opens a stage hit in the journey view, or as a read-only document', async () => {
    const picker = await typeSearch(api, 'kind:stage thundering');
    assert.deepEqual(hitIds(picker.items), [corpus.solving]);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const commands = await vscode.commands.getCommands(true);
    if (commands.includes('perpetua.openJourney')) {
      await waitFor(
        'the journey view',
        () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview,
      );
    } else {
      const editor = await waitFor('the stage document', () => vscode.window.activeTextEditor);
      assert.equal(editor.document.languageId, 'markdown');
      assert.match(editor.document.getText(), /Thundering herds/);
    }
  });

  it('reveals a hit in the tree', async () => {
    const picker = await typeSearch(api, 'type:mindmap storms');
    const item = picker.items[0];
    assert.ok(item?.type === 'hit');
    assert.equal(await api.search.reveal(item.hit), true, 'the tree has the artifact');
    const selected = await waitFor('the tree selection', () => api.view.treeView.selection[0], 10000);
    assert.equal(selected.kind, 'artifact');
    assert.equal(selected.id, corpus.ideas);
  });

  it('searches one journey from its context menu', async () => {
    const journeyNode = (await children(api)).find((n) => n.id === corpus.caching);
    assert.ok(journeyNode, 'the journey is in the tree');
    const scoped = await typeSearch(api, 'retry', 'perpetua.searchInJourney', journeyNode);
    assert.equal(scoped.quickPick.value, `journey:${corpus.caching} retry`);
    assert.deepEqual(hitIds(scoped.items), [corpus.ideas]);
    assert.match(scoped.quickPick.title ?? '', /this journey/);
    assert.ok(scoped.quickPick.buttons.some((b) => /Search All Journeys/.test(b.tooltip ?? '')));
  });

  it('follows edits at once: a renamed artifact is found by its new title', async () => {
    api.host.write((store) => store.artifacts.update(corpus.curve, { title: 'Quokka delay chart' }));
    const picker = await typeSearch(api, 'quokka');
    assert.deepEqual(hitIds(picker.items), [corpus.curve]);
  });
});
