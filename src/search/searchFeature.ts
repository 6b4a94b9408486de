import * as vscode from 'vscode';
import type { ArtifactEditors } from '../fs/artifactEditors';
import { SCHEME, targetFromQuery } from '../fs/artifactPaths';
import type { Log } from '../host/log';
import type { StoreHost } from '../host/storeHost';
import type { SearchHit } from '../store';
import type { JourneyTreeView } from '../tree/journeyTreeView';
import { RecentSearches } from './recentSearches';
import { SearchClient } from './searchClient';
import { journeyLabel } from './searchItems';
import { SearchPicker, type PickerScope, type SearchActions } from './searchPicker';

const OPEN_JOURNEY_COMMAND = 'perpetua.openJourney';

export interface SearchFeatureDeps {
  host: StoreHost;
  log: Log;
  view: JourneyTreeView;
  editors: ArtifactEditors;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** A journey id from an id or a journey / stage / artifact tree node. */
function journeyIdArgument(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  const node = record(value);
  if (node?.kind === 'journey' && typeof node.id === 'string') return node.id;
  const stage = record(node?.stage);
  if (typeof stage?.journeyId === 'string') return stage.journeyId;
  return undefined;
}

/**
 * `Perpetua: Search` and `Search in Journey`: the quick pick, the workers it searches through (restarted when
 * the database changes), and what happens to a chosen hit.
 */
export class SearchFeature implements vscode.Disposable, SearchActions {
  readonly client: SearchClient;
  private readonly recent: RecentSearches;
  /** The open search box, if any (the integration tests drive it). */
  current: SearchPicker | undefined;
  /** Resolves when the open box holds the text it was opened with. */
  shown: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    context: vscode.ExtensionContext,
    private readonly deps: SearchFeatureDeps,
  ) {
    this.client = new SearchClient({
      workerPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'searchWorker.js').fsPath,
      log: (line) => deps.log.info(line),
    });
    this.recent = new RecentSearches(context.globalState);
  }

  static register(context: vscode.ExtensionContext, deps: SearchFeatureDeps): SearchFeature {
    const feature = new SearchFeature(context, deps);
    feature.disposables.push(
      deps.host.onDidChange((change) => {
        if (change !== 'reopened') return;
        feature.client.restart('the database was reopened');
        // Its search was dropped with the old workers: search the other file for what is in the box.
        feature.current?.refresh();
      }),
      vscode.commands.registerCommand('perpetua.search', (value?: unknown) =>
        feature.open(typeof value === 'string' ? value : ''),
      ),
      vscode.commands.registerCommand('perpetua.searchInJourney', (arg?: unknown, value?: unknown) =>
        feature.openInJourney(arg, typeof value === 'string' ? value : ''),
      ),
    );
    context.subscriptions.push(feature);
    return feature;
  }

  /** Opens the search box (with `value` typed in, for tests and other commands) and returns it. */
  open(value = '', scope?: PickerScope): SearchPicker {
    this.current?.dispose();
    const picker = new SearchPicker(this.client, this.recent, this, scope ?? this.scopeFromContext());
    this.current = picker;
    picker.onDidDispose(() => {
      if (this.current === picker) this.current = undefined;
    });
    this.shown = picker.show(value);
    return picker;
  }

  /** Search in one journey: from its context menu in the tree, or with its id. */
  openInJourney(arg: unknown, value = ''): SearchPicker | undefined {
    const journeyId = journeyIdArgument(arg) ?? this.scopeFromContext()?.journeyId;
    if (!journeyId) {
      void vscode.window.showWarningMessage('Choose a journey in the Perpetua view to search in it.');
      return undefined;
    }
    const journey = this.deps.host.current()?.journeys.findById(journeyId);
    const scope = { journeyId, label: journey ? journeyLabel(journey.input) : journeyId };
    return this.open(`journey:${journeyId} ${value}`.trimEnd() + ' ', scope);
  }

  /** The journey the person is looking at (tree selection, else the artifact in the editor), for the pin button. */
  private scopeFromContext(): PickerScope | undefined {
    const store = this.deps.host.current();
    if (!store) return undefined;
    try {
      const node = record(this.deps.view.treeView.selection[0]);
      let journeyId = journeyIdArgument(node);
      if (!journeyId && node?.kind === 'artifact' && typeof node.id === 'string') {
        journeyId = store.artifacts.locate(node.id)?.journeyId;
      }
      const uri = vscode.window.activeTextEditor?.document.uri;
      const target = uri?.scheme === SCHEME ? targetFromQuery(uri.query) : undefined;
      if (!journeyId && target) {
        journeyId =
          target.kind === 'artifact'
            ? store.artifacts.locate(target.id)?.journeyId
            : store.stages.findById(target.id)?.journeyId;
      }
      const journey = journeyId ? store.journeys.findById(journeyId) : undefined;
      return journey ? { journeyId: journey.id, label: journeyLabel(journey.input) } : undefined;
    } catch {
      return undefined;
    }
  }

  // ---- SearchActions ----

  prepare(): boolean {
    // The host opens (and creates, and migrates) the database first: the workers' connections are read-only.
    const store = this.deps.host.current();
    const state = this.deps.host.state;
    this.client.setDatabasePath(store && state.kind === 'open' ? state.path : undefined);
    return store !== undefined;
  }

  async openHit(hit: SearchHit): Promise<void> {
    try {
      if (hit.kind === 'artifact') {
        await this.deps.editors.openArtifact(hit.artifactId);
      } else if (await this.hasCommand(OPEN_JOURNEY_COMMAND)) {
        await vscode.commands.executeCommand(OPEN_JOURNEY_COMMAND, hit.journeyId, hit.stageId);
      } else {
        await this.deps.editors.openStage(hit.stageId);
      }
    } catch (error) {
      this.showError(error, 'opening a search result');
    }
  }

  /** Selects the hit in the tree; false (and a message) when the tree does not show it. */
  async reveal(hit: SearchHit): Promise<boolean> {
    const [kind, id] =
      hit.kind === 'artifact' ? (['artifact', hit.artifactId] as const) : (['stage', hit.stageId] as const);
    const shown = await this.deps.view.reveal(kind, id, true);
    if (!shown) {
      void vscode.window.showInformationMessage(
        'That item is not in the Perpetua view right now (its journey may be hidden by the status filter).',
      );
    }
    return shown;
  }

  async openJourney(hit: SearchHit): Promise<void> {
    if (await this.hasCommand(OPEN_JOURNEY_COMMAND)) {
      await vscode.commands.executeCommand(OPEN_JOURNEY_COMMAND, hit.journeyId);
    } else {
      await this.deps.view.reveal('journey', hit.journeyId, true);
    }
  }

  log(error: unknown, context: string): string {
    return this.deps.log.error(error, context);
  }

  private async hasCommand(id: string): Promise<boolean> {
    return (await vscode.commands.getCommands(true)).includes(id);
  }

  private showError(error: unknown, context: string): void {
    void vscode.window.showErrorMessage(this.deps.log.error(error, context));
  }

  dispose(): void {
    this.current?.dispose();
    this.client.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
