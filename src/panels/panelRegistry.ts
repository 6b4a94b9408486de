import * as vscode from 'vscode';
import type { ViewTarget } from '../protocol';
import { targetKey, viewTypeOf } from './viewData';
import { ViewPanel, type ViewPanelHost } from './viewPanel';

/** One panel per artifact and per journey: showing a thing that is already open focuses its panel. */
export class PanelRegistry implements vscode.Disposable {
  private readonly panels = new Map<string, ViewPanel>();

  constructor(private readonly host: ViewPanelHost) {}

  show(target: ViewTarget, options: { stageId?: string; preserveFocus?: boolean } = {}): ViewPanel {
    const preserveFocus = options.preserveFocus ?? false;
    const existing = this.panels.get(targetKey(target));
    if (existing) {
      existing.reveal(options.stageId, preserveFocus);
      return existing;
    }
    const title = target.kind === 'artifact' ? 'Artifact' : 'Journey';
    const panel = vscode.window.createWebviewPanel(
      viewTypeOf(target),
      title,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus },
      { enableScripts: true },
    );
    const view = this.adopt(panel, target);
    view.reveal(options.stageId, preserveFocus);
    return view;
  }

  /** Takes over a panel VS Code restored after a reload (or that `show` just created). */
  adopt(panel: vscode.WebviewPanel, target: ViewTarget): ViewPanel {
    const key = targetKey(target);
    // Two restored panels for one thing (possible with older state): keep the first, close the other.
    const existing = this.panels.get(key);
    if (existing && existing.panel !== panel) {
      panel.dispose();
      return existing;
    }
    const view = new ViewPanel(panel, target, this.host);
    this.panels.set(key, view);
    view.onDidDispose(() => {
      if (this.panels.get(key) === view) this.panels.delete(key);
    });
    return view;
  }

  find(target: ViewTarget): ViewPanel | undefined {
    return this.panels.get(targetKey(target));
  }

  all(): ViewPanel[] {
    return [...this.panels.values()];
  }

  refreshAll(): void {
    for (const view of this.panels.values()) view.refresh();
  }

  reloadPages(): void {
    for (const view of this.panels.values()) view.loadPage();
  }

  dispose(): void {
    for (const view of [...this.panels.values()]) view.dispose();
    this.panels.clear();
  }
}
