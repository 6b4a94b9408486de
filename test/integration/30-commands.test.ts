import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { deletionQuestion } from '../../src/commands/deleteJourneys';
import { demoDocument } from '../../src/demo/demoJourneys';
import type { PerpetuaApi } from '../../src/extension';
import type { CheckReport, ImportReport, Journey, JourneyStatus } from '../../src/store';
import { children, itemOf, labelOf, perpetua, resetPerpetua, testFile } from './helpers';

function statusOf(api: PerpetuaApi, id: string): JourneyStatus | undefined {
  return api.host.current()!.journeys.findById(id)?.status;
}

describe('journey commands', () => {
  let api: PerpetuaApi;
  beforeEach(async () => {
    api = await perpetua();
    await resetPerpetua(api);
  });

  it('pauses, resumes, stops and marks complete, each only from a status where it applies', async () => {
    const journey = await vscode.commands.executeCommand<Journey>(
      'perpetua.newJourney',
      'Why is the build slow?',
    );
    const node = (await children(api)).find((n) => n.id === journey.id)!;
    assert.equal(itemOf(api, node).contextValue, 'journey.running');

    assert.deepEqual(
      await vscode.commands.executeCommand('perpetua.resumeJourney', node),
      [],
      'running cannot resume',
    );
    assert.deepEqual(await vscode.commands.executeCommand('perpetua.pauseJourney', node), [journey.id]);
    assert.equal(statusOf(api, journey.id), 'paused');
    assert.equal(
      itemOf(api, (await children(api))[0]!).contextValue,
      'journey.paused',
      'the tree follows at once',
    );
    await vscode.commands.executeCommand('perpetua.resumeJourney', journey.id);
    assert.equal(statusOf(api, journey.id), 'running');
    await vscode.commands.executeCommand('perpetua.stopJourney', journey.id);
    assert.equal(statusOf(api, journey.id), 'stopped');
    assert.deepEqual(await vscode.commands.executeCommand('perpetua.pauseJourney', journey.id), []);
    assert.equal(statusOf(api, journey.id), 'stopped');
    await vscode.commands.executeCommand('perpetua.completeJourney', journey.id);
    assert.equal(statusOf(api, journey.id), 'complete');
    assert.deepEqual(await vscode.commands.executeCommand('perpetua.completeJourney', journey.id), []);
  });

  it('applies an action to the whole selection when the clicked journey is part of it', async () => {
    const a = await vscode.commands.executeCommand<Journey>('perpetua.newJourney', 'first');
    const b = await vscode.commands.executeCommand<Journey>('perpetua.newJourney', 'second');
    const c = await vscode.commands.executeCommand<Journey>('perpetua.newJourney', 'third');
    const nodes = await children(api);
    const nodeA = nodes.find((n) => n.id === a.id)!;
    const nodeB = nodes.find((n) => n.id === b.id)!;
    await vscode.commands.executeCommand('perpetua.pauseJourney', nodeA, [nodeA, nodeB]);
    assert.deepEqual(
      [statusOf(api, a.id), statusOf(api, b.id), statusOf(api, c.id)],
      ['paused', 'paused', 'running'],
    );
  });

  it('renames a journey by editing its input', async () => {
    const journey = await vscode.commands.executeCommand<Journey>('perpetua.newJourney', 'Old question');
    const renamed = await vscode.commands.executeCommand<Journey>(
      'perpetua.renameJourney',
      journey.id,
      'New question',
    );
    assert.equal(renamed.input, 'New question');
    assert.deepEqual(
      await vscode.commands.executeCommand('perpetua.renameJourney', journey.id, '   '),
      undefined,
    );
    assert.deepEqual(
      (await children(api)).map((n) => labelOf(api, n)),
      ['New question'],
    );
  });

  it('deletes the selected journeys with their stages and artifacts, after naming what will go', async () => {
    await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
    const demo = demoDocument().journeys;
    const [first, second] = demo;
    const stages = first!.stages.length + second!.stages.length;
    const artifacts = [...first!.stages, ...second!.stages].reduce((n, s) => n + s.artifacts.length, 0);
    const question = deletionQuestion(api.host.current()!, [first!.id, second!.id]);
    assert.ok(question.includes(`2 journeys with ${stages} stage`), question);
    assert.ok(question.includes(`${artifacts} artifact`), question);

    const nodes = await children(api);
    const one = nodes.find((n) => n.id === first!.id)!;
    const two = nodes.find((n) => n.id === second!.id)!;
    assert.equal(await vscode.commands.executeCommand('perpetua.deleteJourney', one, [one, two], true), 2);
    const left = (await children(api)).map((n) => n.id);
    assert.equal(left.length, demo.length - 2);
    assert.ok(!left.includes(first!.id) && !left.includes(second!.id));
    const store = api.host.current()!;
    assert.equal(store.stages.findById(first!.stages[0]!.id), undefined, 'stages went with the journey');
  });

  it('copies the id of a journey, a stage or an artifact', async () => {
    await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
    const journey = (await children(api))[0]!;
    const stage = (await children(api, journey))[0]!;
    assert.equal(await vscode.commands.executeCommand('perpetua.copyId', journey), journey.id);
    assert.equal(await vscode.env.clipboard.readText(), journey.id);
    assert.equal(await vscode.commands.executeCommand('perpetua.copyId', stage), stage.id);
    assert.equal(await vscode.env.clipboard.readText(), stage.id);
  });

  it('creates a journey from the given input, shows it first and selects it', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.perpetua');
    await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
    const journey = await vscode.commands.executeCommand<Journey>(
      'perpetua.newJourney',
      '  How do CRDTs merge?  ',
    );
    assert.equal(journey.input, 'How do CRDTs merge?');
    assert.equal(journey.status, 'running');
    assert.equal(labelOf(api, (await children(api))[0]!), 'How do CRDTs merge?');
    assert.equal(api.view.treeView.selection[0]?.id, journey.id);
    assert.equal(
      await vscode.commands.executeCommand('perpetua.newJourney', ''),
      undefined,
      'empty input is refused',
    );
  });

  it('exports journeys as JSON that imports back unchanged, and as Markdown for reading', async () => {
    await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
    const demo = demoDocument().journeys[0]!;
    const jsonFile = vscode.Uri.file(testFile('one-journey.json'));
    await vscode.commands.executeCommand('perpetua.exportJourney', demo.id, undefined, jsonFile);
    const exported = JSON.parse(readFileSync(jsonFile.fsPath, 'utf8')) as { journeys: { id: string }[] };
    assert.deepEqual(
      exported.journeys.map((j) => j.id),
      [demo.id],
    );
    const report = await vscode.commands.executeCommand<ImportReport>('perpetua.importJourneys', jsonFile);
    assert.deepEqual(report.journeys, { created: 0, updated: 0, unchanged: 1 });

    const mdFile = vscode.Uri.file(testFile('one-journey.md'));
    await vscode.commands.executeCommand('perpetua.exportJourneyMarkdown', demo.id, undefined, mdFile);
    const markdown = readFileSync(mdFile.fsPath, 'utf8');
    assert.ok(markdown.startsWith(`# ${demo.input.split('\n')[0]}`), markdown.slice(0, 80));
    for (const stage of demo.stages) assert.ok(markdown.includes(`. ${stage.type} (${stage.status})`));
    const artifact = demo.stages.flatMap((s) => s.artifacts)[0];
    if (artifact) assert.ok(markdown.includes(artifact.content.split('\n')[0]!));
  });

  it('exports every journey and imports them into an empty store without losing a row', async () => {
    await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
    await vscode.commands.executeCommand('perpetua.newJourney', 'One more');
    const before = api.host.current()!.status().counts;
    const file = vscode.Uri.file(testFile('all.json'));
    await vscode.commands.executeCommand('perpetua.exportAll', file);
    await resetPerpetua(api);
    assert.deepEqual(await children(api), []);
    const report = await vscode.commands.executeCommand<ImportReport>('perpetua.importJourneys', file);
    assert.equal(report.journeys.created, before.journeys);
    assert.deepEqual(api.host.current()!.status().counts, before);
    assert.equal((await children(api)).length, before.journeys);
  });

  it('refuses an import file with a bad value and writes nothing', async () => {
    const doc = demoDocument();
    (doc.journeys[1] as { status: string }).status = 'sleeping';
    const file = testFile('bad.json');
    writeFileSync(file, JSON.stringify(doc));
    assert.equal(
      await vscode.commands.executeCommand('perpetua.importJourneys', vscode.Uri.file(file)),
      undefined,
    );
    assert.equal(api.host.current()!.journeys.count(), 0);
  });

  it('checks the database and finds no problems in a healthy one, without a needless refresh', async () => {
    await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
    const changes: string[] = [];
    const watch = api.host.onDidChange((change) => changes.push(change));
    try {
      const report = await vscode.commands.executeCommand<CheckReport>('perpetua.checkDatabase', true);
      assert.deepEqual(report, { ok: true, problems: [], warnings: [] });
      // The check runs in another process that only reads: the file watcher must not take it for a write.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.deepEqual(changes, []);
    } finally {
      watch.dispose();
    }
  });

  it('loads the demo journeys once: a second load changes nothing', async () => {
    const first = await vscode.commands.executeCommand<ImportReport>('perpetua.loadDemoJourneys');
    assert.equal(first.journeys.created, demoDocument().journeys.length);
    const second = await vscode.commands.executeCommand<ImportReport>('perpetua.loadDemoJourneys');
    assert.deepEqual(second.journeys, { created: 0, updated: 0, unchanged: demoDocument().journeys.length });
  });
});
