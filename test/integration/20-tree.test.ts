import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoDocument } from '../../src/demo/demoJourneys';
import { JOURNEY_STATUSES, type ExchangeJourney } from '../../src/store';
import type { PerpetuaApi } from '../../src/extension';
import { journeyLabel } from '../../src/tree/journeyNode';
import type { TreeNode } from '../../src/tree/treeNode';
import { TreeOptions } from '../../src/tree/treeOptions';
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

const ARTIFACT_ICONS = {
  document: 'note',
  code: 'code',
  visualization: 'graph',
  mindmap: 'type-hierarchy',
  other: 'file',
};

function iconId(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

function demoNewestFirst(): ExchangeJourney[] {
  return [...demoDocument().journeys].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}

function addJourneys(
  api: PerpetuaApi,
  count: number,
  status: (i: number) => (typeof JOURNEY_STATUSES)[number] = () => 'complete',
): void {
  api.host.write((store) =>
    store.transaction(() => {
      for (let i = 0; i < count; i++) {
        store.journeys.create({
          input: `Journey ${String(i).padStart(3, '0')}`,
          status: status(i),
          createdAt: 1_700_000_000_000 + i * 1000,
        });
      }
    }),
  );
}

describe('the journeys tree', () => {
  let api: PerpetuaApi;
  beforeEach(async () => {
    api = await perpetua();
    await resetPerpetua(api);
  });

  it('lists the demo journeys newest first, labelled by input, with a status icon and "time · N stages"', async () => {
    await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
    const roots = await children(api);
    const demo = demoNewestFirst();
    assert.deepEqual(
      roots.map((n) => labelOf(api, n)),
      demo.map((j) => journeyLabel(j.input)),
    );
    roots.forEach((node, i) => {
      const item = itemOf(api, node);
      const journey = demo[i]!;
      assert.equal(item.contextValue, `journey.${journey.status}`);
      assert.ok(iconId(item), 'has a theme icon');
      assert.ok(
        item.iconPath instanceof vscode.ThemeIcon && item.iconPath.color instanceof vscode.ThemeColor,
        'icon coloured by the theme',
      );
      const n = journey.stages.length;
      assert.match(String(item.description), new RegExp(`ago · ${n} stages?$`));
    });
    const statuses = new Set(roots.map((n) => iconId(itemOf(api, n))));
    assert.ok(statuses.size >= 2, 'different statuses get different icons');
  });

  it('shows the stages of a journey in the order they ran, then the artifacts with an icon per type', async () => {
    await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
    const demo = demoNewestFirst().find((j) => j.stages.some((s) => s.artifacts.length > 0))!;
    const journeyNode = (await children(api)).find((n) => n.id === demo.id)!;
    const stages = await children(api, journeyNode);
    const expectedStages = [...demo.stages].sort((a, b) => a.createdAt - b.createdAt);
    assert.deepEqual(
      stages.map((s) => labelOf(api, s)),
      expectedStages.map((s, i) => `${i + 1}. ${s.type}`),
    );
    stages.forEach((s, i) =>
      assert.ok(String(itemOf(api, s).description).startsWith(expectedStages[i]!.status)),
    );
    const withArtifacts = expectedStages.findIndex((s) => s.artifacts.length > 0);
    const artifacts = await children(api, stages[withArtifacts]);
    assert.deepEqual(
      artifacts.map((a) => labelOf(api, a)),
      expectedStages[withArtifacts]!.artifacts.map((a) => a.title),
    );
    artifacts.forEach((a, i) => {
      const type = expectedStages[withArtifacts]!.artifacts[i]!.type;
      assert.equal(iconId(itemOf(api, a)), ARTIFACT_ICONS[type]);
      assert.equal(itemOf(api, a).collapsibleState, vscode.TreeItemCollapsibleState.None);
    });
    assert.equal(api.view.provider.getParent(artifacts[0]!), stages[withArtifacts]);
    assert.equal(api.view.provider.getParent(stages[0]!), journeyNode);
    assert.equal(api.view.provider.getParent(journeyNode), undefined);
  });

  it('resolves markdown tooltips only when they are asked for', async () => {
    await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
    const node = (await children(api))[0]!;
    const item = itemOf(api, node);
    assert.equal(item.tooltip, undefined, 'no tooltip work while listing');
    const resolved = api.view.provider.resolveTreeItem(item, node);
    assert.ok(resolved.tooltip instanceof vscode.MarkdownString);
    assert.ok(resolved.tooltip.value.includes(node.id));
    const stage = (await children(api, node))[0]!;
    const stageTip = api.view.provider.resolveTreeItem(itemOf(api, stage), stage).tooltip;
    assert.ok(stageTip instanceof vscode.MarkdownString && stageTip.value.includes('Prompt'));
  });

  it('shows 50 journeys per page with a "Load more" row that adds the next page without repeats', async () => {
    addJourneys(api, 120);
    let roots = await children(api);
    assert.equal(roots.length, 51);
    const more = roots[50]!;
    assert.equal(more.kind, 'loadMore');
    assert.equal(itemOf(api, more).description, '50 of 120');
    assert.equal(labelOf(api, roots[0]!), 'Journey 119', 'newest first');
    await vscode.commands.executeCommand('perpetua.loadMore', more);
    roots = await children(api);
    assert.equal(roots.length, 101);
    await vscode.commands.executeCommand('perpetua.loadMore', roots[100]);
    roots = await children(api);
    assert.equal(roots.length, 120);
    assert.ok(roots.every((n) => n.kind === 'journey'));
    assert.equal(new Set(roots.map((n) => n.id)).size, 120);
    assert.equal(labelOf(api, roots[119]!), 'Journey 000');
  });

  it('filters by status and groups by status with a count per group', async () => {
    addJourneys(api, 10, (i) => (i < 3 ? 'paused' : i < 5 ? 'running' : 'complete'));
    assert.deepEqual(await vscode.commands.executeCommand('perpetua.filterByStatus', ['paused']), ['paused']);
    let roots = await children(api);
    assert.equal(roots.length, 3);
    assert.ok(roots.every((n) => itemOf(api, n).contextValue === 'journey.paused'));

    await vscode.commands.executeCommand('perpetua.filterByStatus', ['error']);
    roots = await children(api);
    assert.deepEqual(
      roots.map((n) => n.kind),
      ['message', 'message'],
      'an explanation and a way out, not the empty-store welcome',
    );

    await vscode.commands.executeCommand('perpetua.clearFilter');
    await vscode.commands.executeCommand('perpetua.groupByStatus');
    roots = await children(api);
    assert.deepEqual(
      roots.map((n) => [labelOf(api, n), itemOf(api, n).description]),
      [
        ['Running', '2'],
        ['Paused', '3'],
        ['Complete', '5'],
      ],
    );
    const paused = await children(api, roots[1]);
    assert.equal(paused.length, 3);
    assert.equal(api.view.provider.getParent(paused[0]!), roots[1]);

    await vscode.commands.executeCommand('perpetua.filterByStatus', ['running', 'complete']);
    assert.deepEqual(
      (await children(api)).map((n) => labelOf(api, n)),
      ['Running', 'Complete'],
    );
    await vscode.commands.executeCommand('perpetua.ungroupJourneys');
    assert.equal((await children(api)).length, 7);
  });

  it('remembers the status filter and the grouping for the next start', async () => {
    // The same kind of store VS Code hands the extension as globalState, kept in memory for this test.
    const saved = new Map<string, unknown>();
    const memento: vscode.Memento = {
      keys: () => [...saved.keys()],
      get: <T>(key: string, fallback?: T) => (saved.has(key) ? (saved.get(key) as T) : fallback),
      update: (key: string, value: unknown) => {
        saved.set(key, value);
        return Promise.resolve();
      },
    };
    const before = new TreeOptions(memento);
    await before.setStatuses(['paused', 'running']);
    await before.setGrouped(true);
    before.dispose();
    const after = new TreeOptions(memento);
    assert.deepEqual(after.statuses, ['running', 'paused'], 'in canonical order');
    assert.equal(after.grouped, true);
    await after.setStatuses([...JOURNEY_STATUSES]);
    assert.equal(new TreeOptions(memento).statuses, undefined, 'every status is no filter');
  });

  it('shows the number of running journeys as the view badge', async () => {
    addJourneys(api, 4, (i) => (i < 3 ? 'running' : 'stopped'));
    await children(api);
    assert.equal(api.view.treeView.badge?.value, 3);
    await vscode.commands.executeCommand(
      'perpetua.stopJourney',
      (await children(api)).filter((n) => itemOf(api, n).contextValue === 'journey.running').map((n) => n.id),
    );
    assert.equal(
      api.view.treeView.badge,
      undefined,
      'updated at once, even if the view is not asking for rows',
    );
  });

  it('answers every expansion in well under 50 ms with 10 000 journeys in the store', async function () {
    this.timeout(60000);
    // A database of its own, as a person with a big desktop-app database would point the setting at.
    const scale = testFile('scale.db');
    await setDatabasePath(scale);
    await waitFor('the scale database to open', () => api.host.current()?.path === scale);
    api.host.write((store) =>
      store.transaction(() => {
        for (let i = 0; i < 10_000; i++) {
          const journey = store.journeys.create({
            input: `Scale journey ${i}`,
            status: JOURNEY_STATUSES[i % JOURNEY_STATUSES.length],
            createdAt: 1_600_000_000_000 + i * 1000,
          });
          if (i % 100 === 99) {
            const stage = store.stages.create({ journeyId: journey.id, type: 'discovering', prompt: 'p' });
            store.artifacts.create({
              stageId: stage.id,
              type: 'document',
              title: 'a',
              content: 'x'.repeat(5000),
            });
          }
        }
      }),
    );
    /** The median of nine runs after a warm-up, in ms: steady enough on a busy CI machine, still what people feel. */
    const typical = (work: () => unknown) => {
      work();
      const runs: number[] = [];
      for (let i = 0; i < 9; i++) {
        const started = performance.now();
        work();
        runs.push(performance.now() - started);
      }
      return runs.sort((a, b) => a - b)[4]!;
    };
    const provider = api.view.provider;
    const root = provider.getChildren();
    assert.equal(root.length, 51);
    const withStages = root.find((n) => n.kind === 'journey' && n.journey.stageCount > 0)!;
    const stage = provider.getChildren(withStages)[0]!;
    const timings = {
      root: typical(() => provider.getChildren()),
      journey: typical(() => provider.getChildren(withStages)),
      stage: typical(() => provider.getChildren(stage)),
      tooltip: typical(() => provider.resolveTreeItem(itemOf(api, withStages), withStages)),
    };
    await vscode.commands.executeCommand('perpetua.groupByStatus');
    const group = provider.getChildren()[0]!;
    Object.assign(timings, {
      groups: typical(() => provider.getChildren()),
      group: typical(() => provider.getChildren(group)),
    });
    for (const [what, ms] of Object.entries(timings)) assert.ok(ms < 50, `${what} took ${ms.toFixed(1)} ms`);
  });

  it('reveals a journey, a stage and an artifact, selecting them in the view', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.perpetua');
    await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
    addJourneys(api, 60); // pushes the demo journeys (older) off the first page
    const demo = demoNewestFirst().find((j) => j.stages.some((s) => s.artifacts.length > 0))!;
    const stage = demo.stages.find((s) => s.artifacts.length > 0)!;
    const artifact = stage.artifacts[0]!;
    const selected = (): TreeNode | undefined => api.view.treeView.selection[0];

    assert.equal(await vscode.commands.executeCommand('perpetua.revealInTree', 'journey', demo.id), true);
    assert.equal(selected()?.id, demo.id);
    assert.equal(await vscode.commands.executeCommand('perpetua.revealInTree', 'stage', stage.id), true);
    assert.equal(selected()?.id, stage.id);
    assert.equal(
      await vscode.commands.executeCommand('perpetua.revealInTree', 'artifact', artifact.id),
      true,
    );
    assert.equal(selected()?.id, artifact.id);
    assert.equal(
      await vscode.commands.executeCommand('perpetua.revealInTree', 'journey', 'no-such-journey'),
      false,
    );
  });
});
