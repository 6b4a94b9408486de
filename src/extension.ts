import * as vscode from 'vscode';
import { Commands } from './commands';
import { ArtifactEditors } from './fs/artifactEditors';
import { Log } from './host/log';
import { StoreHost } from './host/storeHost';
import { WebviewPanels } from './panels/webviewPanels';
import { SearchFeature } from './search/searchFeature';
import { JourneyTreeView } from './tree/journeyTreeView';

/** What `activate` returns: the live pieces, for the integration tests and for other extensions. */
export interface PerpetuaApi {
  readonly host: StoreHost;
  readonly view: JourneyTreeView;
  readonly artifacts: ArtifactEditors;
  readonly search: SearchFeature;
  readonly panels: WebviewPanels;
}

export function activate(context: vscode.ExtensionContext): PerpetuaApi {
  const log = Log.register(context);
  const host = StoreHost.register(context, log);
  const view = JourneyTreeView.register(context, host);
  context.subscriptions.push(Commands.register({ host, view, log }));
  const artifacts = ArtifactEditors.register(context, host, log);
  const search = SearchFeature.register(context, { host, log, view, editors: artifacts });
  const panels = WebviewPanels.register(context, host, log);
  return { host, view, artifacts, search, panels };
}

export function deactivate(): void {
  // Everything is in context.subscriptions; VS Code disposes it (closing the store checkpoints the WAL).
}
