import * as vscode from 'vscode';
import type { Store } from '../store';
import type { StoreHost } from '../host/storeHost';
import { JourneyTreeProvider } from './journeyTreeProvider';
import { TreeOptions } from './treeOptions';
import type { TreeNode } from './treeNode';

export const JOURNEYS_VIEW_ID = 'perpetua.journeys';

export type RevealKind = 'journey' | 'stage' | 'artifact';

/** The `perpetua.journeys` view: the provider, its badge, its when-clause contexts and `reveal`. */
export class JourneyTreeView implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    readonly provider: JourneyTreeProvider,
    readonly options: TreeOptions,
    readonly treeView: vscode.TreeView<TreeNode>,
    private readonly host: StoreHost,
  ) {
    this.disposables.push(
      provider,
      options,
      treeView,
      provider.onDidLoadRoot((store) => this.updateContexts(store)),
      options.onDidChange(() => provider.refresh()),
      host.onDidChange((change) => {
        if (change === 'reopened') return provider.reset();
        provider.refresh();
        // The badge shows on the activity bar even while the view is hidden and not asking for rows.
        if (host.state.kind === 'open') this.updateContexts(host.state.store);
      }),
    );
  }

  static register(context: vscode.ExtensionContext, host: StoreHost): JourneyTreeView {
    const options = new TreeOptions(context.globalState);
    const provider = new JourneyTreeProvider(host, options);
    const treeView = vscode.window.createTreeView(JOURNEYS_VIEW_ID, {
      treeDataProvider: provider,
      canSelectMany: true,
      showCollapseAll: true,
    });
    const view = new JourneyTreeView(provider, options, treeView, host);
    context.subscriptions.push(view);
    return view;
  }

  /** Selects the item (expanding its parents); false when it does not exist or the filter hides it. */
  async reveal(kind: RevealKind, id: string, focus = false): Promise<boolean> {
    const node =
      kind === 'journey'
        ? this.provider.findJourneyNode(id)
        : kind === 'stage'
          ? this.provider.findStageNode(id)
          : this.provider.findArtifactNode(id);
    if (!node) return false;
    await this.treeView.reveal(node, { select: true, focus, expand: false });
    return true;
  }

  private updateContexts(store: Store | undefined): void {
    const state = this.host.state.kind;
    const empty = store ? store.journeys.count() === 0 : false;
    void vscode.commands.executeCommand('setContext', 'perpetua.state', state);
    void vscode.commands.executeCommand('setContext', 'perpetua.empty', empty);
    const running = store ? store.journeys.countByStatusMap().running : 0;
    this.treeView.badge =
      running > 0
        ? { value: running, tooltip: `${running} running journey${running === 1 ? '' : 's'}` }
        : undefined;
    this.treeView.message =
      this.host.state.kind === 'error'
        ? `The database could not be opened: ${this.host.state.error.message}`
        : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
