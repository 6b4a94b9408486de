import * as vscode from 'vscode';
import {
  parseFromWebviewMessage,
  type FromWebviewMessage,
  type ToWebviewMessage,
  type ViewTarget,
} from '../protocol';
import { artifactHeadMessage } from './artifactHead';
import { buildWebviewHtml, webviewOptions } from './webviewHtml';
import type { ViewData } from './viewData';

/** What a panel needs from the feature that owns it. */
export interface ViewPanelHost {
  readonly extensionUri: vscode.Uri;
  allowRemoteImages(): boolean;
  load(target: ViewTarget): ViewData;
  handle(message: FromWebviewMessage, panel: ViewPanel): Promise<void>;
  warn(message: string): void;
}

/**
 * One webview panel showing one artifact or journey. It posts nothing until the page says `ready`, then
 * the current data; later refreshes post only when the data changed.
 */
export class ViewPanel implements vscode.Disposable {
  private ready = false;
  private disposed = false;
  private sentVersion: string | undefined;
  private pendingStageId: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly target: ViewTarget,
    private readonly host: ViewPanelHost,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
    this.loadPage();
  }

  /** (Re)writes the page, e.g. after the remote-image setting changed the CSP; the page says `ready` again. */
  loadPage(): void {
    this.ready = false;
    this.sentVersion = undefined;
    this.panel.webview.options = webviewOptions(this.host.extensionUri);
    this.panel.webview.html = buildWebviewHtml(this.panel.webview, this.host.extensionUri, {
      target: this.target,
      title: this.panel.title,
      allowRemoteImages: this.host.allowRemoteImages(),
    });
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Brings the panel forward; for a journey, scrolls to a stage (now, or once the page is ready). */
  reveal(stageId?: string, preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
    if (!stageId) return;
    if (this.ready && this.sentVersion !== undefined) void this.post({ type: 'scrollToStage', stageId });
    else this.pendingStageId = stageId;
  }

  /** Re-reads the data and posts it if it changed (or always, with `force`). */
  refresh(force = false): void {
    if (!this.ready) return;
    let data: ViewData;
    try {
      data = this.host.load(this.target);
    } catch (error) {
      this.host.warn(`Could not read ${this.target.kind} for its panel: ${String(error)}`);
      return;
    }
    this.panel.title = data.title;
    if (!force && data.version === this.sentVersion) return;
    this.sentVersion = data.version;
    let message = data.message;
    if (message.type === 'showJourney' && this.pendingStageId) {
      message = { ...message, scrollToStageId: this.pendingStageId };
      this.pendingStageId = undefined;
    }
    // A fresh page draws a long document's head while the whole is on its way. (A refresh of a page that
    // shows it already does not: the reader may have scrolled beyond the head.)
    const head = force ? artifactHeadMessage(message) : undefined;
    if (head) void this.post(head);
    void this.post(message);
  }

  post(message: ToWebviewMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseFromWebviewMessage(raw);
    if (!message) {
      this.host.warn(
        `Ignored a malformed message from a Perpetua webview: ${JSON.stringify(raw)?.slice(0, 200)}`,
      );
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      this.refresh(true);
      return;
    }
    void this.host.handle(message, this);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
