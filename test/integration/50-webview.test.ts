import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PerpetuaApi } from '../../src/extension';
import { checkLink } from '../../src/panels/linkPolicy';
import type { ViewPanel } from '../../src/panels/viewPanel';
import { parseFromWebviewMessage, type ToWebviewMessage } from '../../src/protocol';
import { EXTENSION_ID, perpetua, resetPerpetua, waitFor } from './helpers';

// The rendered views in a real VS Code: panels, their restore, the link policy and the host side of the
// webview protocol. What the pages draw is checked in Chromium by test/e2e/webview.mjs.

const ONE_OF_EACH_TYPE: Record<string, string> = {
  document: 'artifact_demo_retries_review',
  code: 'artifact_demo_retries_helper',
  visualization: 'artifact_demo_sync_flow',
  mindmap: 'artifact_demo_sync_outline',
  other: 'artifact_demo_onboarding_error',
};

function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Records what the host posts to a panel from now on. */
function recordPosts(panel: ViewPanel): ToWebviewMessage[] {
  const posted: ToWebviewMessage[] = [];
  const original = panel.post.bind(panel);
  panel.post = (message) => {
    posted.push(message);
    return original(message);
  };
  return posted;
}

async function withDemo(): Promise<PerpetuaApi> {
  const api = await perpetua();
  await resetPerpetua(api);
  await vscode.commands.executeCommand('perpetua.loadDemoJourneys');
  return api;
}

describe('webview panels', () => {
  afterEach(closeAllEditors);

  it('opens a rendered panel for each artifact type of the demo set, and each page loads and says ready', async () => {
    const api = await withDemo();
    for (const [type, id] of Object.entries(ONE_OF_EACH_TYPE)) {
      const artifact = api.host.require().artifacts.getById(id);
      assert.equal(artifact.type, type);
      await vscode.commands.executeCommand('perpetua.openArtifactRendered', id);
      const view = api.panels.registry.find({ kind: 'artifact', artifactId: id });
      assert.ok(view, `a panel for the ${type} artifact`);
      // `ready` comes from the bundled page script: the page loaded under its CSP and ran.
      await waitFor(`the ${type} page to say ready`, () => view.isReady, 15000);
      await waitFor(
        `the ${type} tab title`,
        () =>
          view.panel.title === artifact.title.slice(0, 40) ||
          view.panel.title.startsWith(artifact.title.slice(0, 20)),
      );
    }
    assert.equal(webviewTabs('perpetua.artifact').length, Object.keys(ONE_OF_EACH_TYPE).length);
  });

  it('keeps one panel per artifact: opening it again focuses the existing tab', async () => {
    const api = await withDemo();
    const id = ONE_OF_EACH_TYPE.document!;
    await vscode.commands.executeCommand('perpetua.openArtifactRendered', id);
    await vscode.commands.executeCommand('perpetua.openArtifactRendered', ONE_OF_EACH_TYPE.code);
    const first = api.panels.registry.find({ kind: 'artifact', artifactId: id })!;
    await vscode.commands.executeCommand('perpetua.openArtifactRendered', id);
    await waitFor('two artifact tabs', () => webviewTabs('perpetua.artifact').length === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(webviewTabs('perpetua.artifact').length, 2, 'no third tab appeared');
    assert.equal(api.panels.registry.find({ kind: 'artifact', artifactId: id }), first);
    await waitFor('the first panel to be active again', () => first.panel.active);
  });

  it('registers a serializer for each panel type, so panels come back after a reload', async () => {
    await perpetua();
    for (const viewType of ['perpetua.artifact', 'perpetua.journey']) {
      // VS Code allows one serializer per view type: a second registration fails only if ours exists.
      assert.throws(
        () =>
          vscode.window.registerWebviewPanelSerializer(viewType, {
            deserializeWebviewPanel: () => Promise.resolve(),
          }),
        /already registered/,
      );
    }
    const events = (
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { activationEvents: string[] }
    ).activationEvents;
    assert.ok(events.includes('onWebviewPanel:perpetua.artifact'));
    assert.ok(events.includes('onWebviewPanel:perpetua.journey'));
  });

  it('restores a panel from the state its page saved, and closes one whose state names nothing', async () => {
    const api = await withDemo();
    const panel = vscode.window.createWebviewPanel(
      'perpetua.artifact',
      'restored',
      vscode.ViewColumn.Active,
      {},
    );
    const revived = api.panels.revive(
      panel,
      { target: { kind: 'artifact', artifactId: ONE_OF_EACH_TYPE.mindmap } },
      'artifact',
    );
    assert.equal(
      api.panels.registry.find({ kind: 'artifact', artifactId: ONE_OF_EACH_TYPE.mindmap! })?.panel,
      panel,
    );
    await waitFor('the restored page to say ready', () => revived?.isReady, 15000);
    let disposed = false;
    const junk = vscode.window.createWebviewPanel('perpetua.artifact', 'junk', vscode.ViewColumn.Active, {});
    junk.onDidDispose(() => (disposed = true));
    api.panels.revive(junk, { target: { kind: 'artifact' } }, 'artifact');
    assert.ok(disposed, 'a panel without a usable state is closed, not left empty');
  });

  it('opens a journey panel scrolled to a stage and refreshes it when the journey changes', async () => {
    const api = await withDemo();
    await vscode.commands.executeCommand(
      'perpetua.openJourney',
      'journey_demo_sync',
      'stage_demo_sync_build',
    );
    const view = api.panels.registry.find({ kind: 'journey', journeyId: 'journey_demo_sync' })!;
    assert.ok(view);
    const posted = recordPosts(view);
    await waitFor('the journey page to say ready', () => view.isReady, 15000);
    await waitFor('the journey to be posted', () => posted.find((m) => m.type === 'showJourney'));
    const shown = posted.find((m) => m.type === 'showJourney');
    assert.equal(shown?.type === 'showJourney' && shown.scrollToStageId, 'stage_demo_sync_build');
    await vscode.commands.executeCommand('perpetua.pauseJourney', 'journey_demo_sync');
    const update = await waitFor('the refreshed journey', () =>
      posted.find((m) => m.type === 'showJourney' && m.journey.status === 'paused'),
    );
    assert.equal(
      update.type === 'showJourney' && update.journey.stages.length,
      api.host.require().stages.listSummaries('journey_demo_sync').length,
    );
    assert.match(view.panel.title, /^Journey: /);
  });

  it('runs journey actions the page asks for, only where the status allows them', async () => {
    const api = await withDemo();
    const view = (await api.panels.openJourney('journey_demo_sync'))!;
    await api.panels.handle({ type: 'journeyAction', journeyId: 'journey_demo_sync', action: 'stop' }, view);
    assert.equal(api.host.require().journeys.getById('journey_demo_sync').status, 'stopped');
    await api.panels.handle(
      { type: 'journeyAction', journeyId: 'journey_demo_sync', action: 'complete' },
      view,
    );
    assert.equal(api.host.require().journeys.getById('journey_demo_sync').status, 'complete');
  });

  it('answers loadArtifact with the content, and tells the page when its artifact was deleted', async () => {
    const api = await withDemo();
    const view = api.panels.openArtifact(ONE_OF_EACH_TYPE.other)!;
    const posted = recordPosts(view);
    await waitFor('the page to say ready', () => view.isReady, 15000);
    await api.panels.handle({ type: 'loadArtifact', artifactId: ONE_OF_EACH_TYPE.code! }, view);
    const content = posted.find((m) => m.type === 'artifactContent');
    assert.equal(
      content?.type === 'artifactContent' && content.artifact.content,
      api.host.require().artifacts.getById(ONE_OF_EACH_TYPE.code!).content,
    );
    api.host.write((store) => store.artifacts.delete(ONE_OF_EACH_TYPE.other!));
    const gone = await waitFor('the unavailable message', () => posted.find((m) => m.type === 'unavailable'));
    assert.match(gone.type === 'unavailable' ? gone.message : '', /no longer exists/);
  });

  it('writes a strict CSP with a fresh nonce, and lets remote images in only when the setting allows', async () => {
    const api = await withDemo();
    const view = api.panels.openArtifact(ONE_OF_EACH_TYPE.document)!;
    const csp = () =>
      /content="(default-src[^"]*)"/.exec(view.panel.webview.html)?.[1]?.replace(/&#39;/g, "'") ?? '';
    assert.match(
      csp(),
      /^default-src 'none'; img-src [^;]+ data:; style-src [^;]+; script-src 'nonce-[0-9a-f]{32}'; font-src [^;]+$/,
    );
    assert.doesNotMatch(
      csp(),
      /unsafe-inline|unsafe-eval|\shttps:(;|$)/,
      'no inline code, no eval, no remote images',
    );
    const nonce = /nonce-([0-9a-f]+)/.exec(csp())?.[1];
    const roots = view.panel.webview.options.localResourceRoots?.map((u) => u.path) ?? [];
    assert.deepEqual(
      roots.map((p) => p.replace(/.*\/dist\//, 'dist/')),
      ['dist/webview'],
    );
    const config = vscode.workspace.getConfiguration();
    try {
      await config.update('perpetua.webview.allowRemoteImages', true, vscode.ConfigurationTarget.Global);
      await waitFor('the page to be rewritten with https: images', () =>
        /img-src [^;]+ data: https:;/.test(csp()),
      );
      assert.notEqual(/nonce-([0-9a-f]+)/.exec(csp())?.[1], nonce, 'each page load has its own nonce');
    } finally {
      await config.update('perpetua.webview.allowRemoteImages', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

describe('links from rendered content', () => {
  it('allows only absolute http, https and mailto links', () => {
    for (const href of [
      'https://example.com/a?b=c#d',
      'http://example.com',
      'mailto:someone@example.com',
      '  https://example.com  ',
    ]) {
      assert.equal(checkLink(href).allowed, true, href);
    }
    for (const href of [
      'command:workbench.action.terminal.new',
      'command:perpetua.deleteJourney?%5B%22x%22%5D',
      'file:///etc/passwd',
      'vscode://file/etc/passwd',
      'vscode-insiders://x',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '/relative/path',
      '#fragment',
      'https://user:pass@example.com',
      'https:',
      '',
    ]) {
      assert.equal(checkLink(href).allowed, false, href);
    }
  });

  it('opens what the policy allows through the message path, and nothing else', async () => {
    const api = await withDemo();
    const view = api.panels.openArtifact(ONE_OF_EACH_TYPE.document)!;
    const opened: string[] = [];
    const original = api.panels.openExternal;
    api.panels.openExternal = (uri) => {
      opened.push(uri.toString(true));
      return Promise.resolve(true);
    };
    try {
      for (const href of [
        'command:workbench.action.reloadWindow',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'vscode://settings',
        'https://example.com/docs',
      ]) {
        const message = parseFromWebviewMessage({ type: 'openLink', href });
        assert.ok(message, `a well-formed openLink for ${href}`);
        await api.panels.handle(message, view);
      }
    } finally {
      api.panels.openExternal = original;
      await closeAllEditors();
    }
    assert.deepEqual(opened, ['https://example.com/docs']);
  });

  it('drops malformed messages from a page instead of acting on them', () => {
    assert.equal(parseFromWebviewMessage({ type: 'openLink' }), undefined);
    assert.equal(
      parseFromWebviewMessage({ type: 'journeyAction', journeyId: 'j', action: 'delete' }),
      undefined,
    );
    assert.equal(
      parseFromWebviewMessage({ type: 'runCommand', command: 'workbench.action.reloadWindow' }),
      undefined,
    );
    assert.equal(parseFromWebviewMessage('ready'), undefined);
    assert.deepEqual(parseFromWebviewMessage({ type: 'openArtifact', artifactId: 'a1', extra: 1 }), {
      type: 'openArtifact',
      artifactId: 'a1',
    });
  });
});
