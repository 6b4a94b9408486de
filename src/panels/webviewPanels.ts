import * as vscode from 'vscode';
import type { Log } from '../host/log';
import type { StoreHost } from '../host/storeHost';
import {
  targetFromState,
  type FromWebviewMessage,
  type ViewTarget,
  type WebviewOptionsDto,
} from '../protocol';
import { exportArtifact, openArtifactSource } from './artifactActions';
import { artifactIdOf, journeyTargetOf } from './commandArguments';
import { runJourneyAction } from './journeyActions';
import { checkLink, type LinkDecision } from './linkPolicy';
import { PanelRegistry } from './panelRegistry';
import { ARTIFACT_VIEW_TYPE, JOURNEY_VIEW_TYPE, loadView, unavailable, type ViewData } from './viewData';
import type { ViewPanel, ViewPanelHost } from './viewPanel';

export const REMOTE_IMAGES_SETTING = 'perpetua.webview.allowRemoteImages';
const REFRESH_DELAY_MS = 60;

/** Opens http(s)/mailto links outside VS Code; replaceable so tests can watch what would be opened. */
export type ExternalOpener = (uri: vscode.Uri) => Thenable<boolean>;

/**
 * The rendered views: one panel per artifact and per journey, restored after a reload, refreshed when the
 * database changes, and the only place that acts on what a webview asks for.
 */
export class WebviewPanels implements ViewPanelHost, vscode.Disposable {
  readonly registry: PanelRegistry;
  /** Every link decision, newest last (bounded); lets tests see what the message path decided. */
  readonly linkDecisions: { href: string; decision: LinkDecision }[] = [];
  openExternal: ExternalOpener = (uri) => vscode.env.openExternal(uri);
  private refreshTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly extensionUri: vscode.Uri,
    private readonly host: StoreHost,
    private readonly log: Log,
  ) {
    this.registry = new PanelRegistry(this);
  }

  static register(context: vscode.ExtensionContext, host: StoreHost, log: Log): WebviewPanels {
    const panels = new WebviewPanels(context.extensionUri, host, log);
    const serializer = (kind: ViewTarget['kind']): vscode.WebviewPanelSerializer => ({
      deserializeWebviewPanel: (panel, state) => {
        panels.revive(panel, state, kind);
        return Promise.resolve();
      },
    });
    context.subscriptions.push(
      panels,
      vscode.window.registerWebviewPanelSerializer(ARTIFACT_VIEW_TYPE, serializer('artifact')),
      vscode.window.registerWebviewPanelSerializer(JOURNEY_VIEW_TYPE, serializer('journey')),
      vscode.commands.registerCommand('perpetua.openArtifactRendered', (arg: unknown) =>
        panels.openArtifact(arg),
      ),
      vscode.commands.registerCommand(
        'perpetua.openJourney',
        (arg: unknown, stage: unknown, options: unknown) => panels.openJourney(arg, stage, options),
      ),
      host.onDidChange(() => panels.scheduleRefresh()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(REMOTE_IMAGES_SETTING)) panels.registry.reloadPages();
      }),
    );
    return panels;
  }

  openArtifact(arg: unknown): ViewPanel | undefined {
    const artifactId = artifactIdOf(arg);
    if (!artifactId) {
      void vscode.window.showWarningMessage('Choose an artifact in the Perpetua view to open it rendered.');
      return undefined;
    }
    return this.registry.show({ kind: 'artifact', artifactId });
  }

  /** Opens (or focuses) a journey's view; `options.preserveFocus` keeps focus where it is (tree clicks). */
  async openJourney(arg: unknown, stage?: unknown, options?: unknown): Promise<ViewPanel | undefined> {
    const target = journeyTargetOf(arg, stage) ?? (await this.pickJourney());
    if (!target) return undefined;
    const preserveFocus = (options as { preserveFocus?: unknown } | undefined)?.preserveFocus === true;
    return this.registry.show(
      { kind: 'journey', journeyId: target.journeyId },
      { preserveFocus, ...(target.stageId && { stageId: target.stageId }) },
    );
  }

  private async pickJourney(): Promise<{ journeyId: string; stageId?: string } | undefined> {
    const store = this.host.current();
    if (!store) {
      void vscode.window.showErrorMessage('The Perpetua database is not open.');
      return undefined;
    }
    const items = store.journeys.findAll({ limit: 200 }).items.map((j) => ({
      label: j.input.split('\n', 1)[0] ?? j.id,
      description: `${j.status} · ${j.stageCount} stages`,
      journeyId: j.id,
    }));
    const choice = await vscode.window.showQuickPick(items, { title: 'Open a Perpetua journey' });
    return choice && { journeyId: choice.journeyId };
  }

  /** What the serializers do after a reload: show again what the page's saved state names. */
  revive(panel: vscode.WebviewPanel, state: unknown, kind: ViewTarget['kind']): ViewPanel | undefined {
    const target = targetFromState(state);
    if (target && target.kind === kind) return this.registry.adopt(panel, target);
    // No usable state (e.g. the page never loaded): there is nothing to show, so do not restore an empty tab.
    panel.dispose();
    return undefined;
  }

  allowRemoteImages(): boolean {
    return vscode.workspace.getConfiguration().get<boolean>(REMOTE_IMAGES_SETTING, false) === true;
  }

  private options(): WebviewOptionsDto {
    return { allowRemoteImages: this.allowRemoteImages() };
  }

  load(target: ViewTarget): ViewData {
    const store = this.host.current();
    if (!store) {
      const reason =
        this.host.state.kind === 'error' ? this.host.state.error.message : 'the database is closed';
      return unavailable(target, `The Perpetua database cannot be read: ${reason}`);
    }
    return loadView(store, target, this.options());
  }

  warn(message: string): void {
    this.log.warn(message);
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.registry.refreshAll();
    }, REFRESH_DELAY_MS);
  }

  /** The one place a webview's request is acted on; the message was already checked by the protocol. */
  async handle(message: FromWebviewMessage, panel: ViewPanel): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          panel.refresh(true);
          return;
        case 'openLink':
          await this.openLink(message.href);
          return;
        case 'openArtifact':
          this.openArtifact(message.artifactId);
          return;
        case 'openJourney':
          await this.openJourney(message.journeyId, message.stageId);
          return;
        case 'openArtifactSource':
          await openArtifactSource(this.host.require(), message.artifactId);
          return;
        case 'loadArtifact': {
          const data = loadView(
            this.host.require(),
            { kind: 'artifact', artifactId: message.artifactId },
            this.options(),
          );
          if (data.message.type === 'showArtifact') {
            await panel.post({ type: 'artifactContent', artifact: data.message.artifact });
          }
          return;
        }
        case 'journeyAction':
          await runJourneyAction(this.host, message.journeyId, message.action);
          return;
        case 'copy':
          await vscode.env.clipboard.writeText(message.text);
          void vscode.window.setStatusBarMessage('$(check) Copied', 2000);
          return;
        case 'exportArtifact':
          await exportArtifact(this.host.require(), message.artifactId);
          return;
      }
    } catch (error) {
      const sentence = this.log.error(error, `handling "${message.type}" from a Perpetua webview`);
      void panel.post({ type: 'notice', level: 'error', message: sentence });
    }
  }

  /** Follows a link from rendered content only if the policy allows it; says why when it does not. */
  async openLink(href: string): Promise<LinkDecision> {
    const decision = checkLink(href);
    this.linkDecisions.push({ href, decision });
    if (this.linkDecisions.length > 50) this.linkDecisions.shift();
    if (decision.allowed) {
      await this.openExternal(vscode.Uri.parse(decision.url, true));
    } else {
      this.log.warn(`Did not open a link from an artifact (${href.slice(0, 200)}): ${decision.reason}`);
      void vscode.window.showWarningMessage(`Perpetua did not open this link. ${decision.reason}`);
    }
    return decision;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.registry.dispose();
  }
}
