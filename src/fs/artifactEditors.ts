import * as vscode from 'vscode';
import type { Log } from '../host/log';
import type { StoreHost } from '../host/storeHost';
import { StoreError } from '../store';
import { ArtifactFileSystem, type SaveConflict } from './artifactFileSystem';
import { artifactFileName, SCHEME, targetFromQuery, type PerpetuaTarget } from './artifactPaths';
import { extensionFor } from './fileExtensions';

/** The webview issue's command; used when it is installed, else artifacts open as source. */
export const OPEN_RENDERED_COMMAND = 'perpetua.openArtifactRendered';
const RENDERED_TYPES = new Set(['visualization', 'mindmap']);

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** An artifact id from an id, a tree node (`{ kind: 'artifact', id }`), a `perpetua:` URI or a search hit. */
export function artifactIdArgument(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (value instanceof vscode.Uri) {
    const target = value.scheme === SCHEME ? targetFromQuery(value.query) : undefined;
    return target?.kind === 'artifact' ? target.id : undefined;
  }
  const node = record(value);
  if (node?.kind === 'artifact' && typeof node.id === 'string') return node.id;
  if (typeof node?.artifactId === 'string') return node.artifactId;
  return undefined;
}

/** The artifact behind the active editor, for commands run from the palette or the editor title. */
function activeArtifactId(): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri ? artifactIdArgument(uri) : undefined;
}

/**
 * Artifacts and stages in editor tabs: registers the `perpetua:` file system and the commands that open,
 * switch and export them, and turns refused saves into a choice (Overwrite / Reload).
 */
export class ArtifactEditors implements vscode.Disposable {
  /** Refused saves, newest last (for the integration tests; bounded). */
  readonly conflicts: SaveConflict[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    readonly fileSystem: ArtifactFileSystem,
    private readonly host: StoreHost,
    private readonly log: Log,
  ) {}

  static register(context: vscode.ExtensionContext, host: StoreHost, log: Log): ArtifactEditors {
    const fileSystem = new ArtifactFileSystem(host);
    const editors = new ArtifactEditors(fileSystem, host, log);
    const command = (id: string, run: (...args: unknown[]) => Promise<unknown>) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (error) {
          editors.showError(error, id);
          return undefined;
        }
      });
    editors.disposables.push(
      fileSystem,
      vscode.workspace.registerFileSystemProvider(SCHEME, fileSystem, { isCaseSensitive: true }),
      fileSystem.onDidConflict((conflict) => editors.onConflict(conflict)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === SCHEME) fileSystem.forget(document.uri);
      }),
      command('perpetua.openArtifact', (arg) => editors.openArtifact(arg)),
      command('perpetua.openArtifactSource', (arg) => editors.openSource(arg)),
      // The editor title passes the file's URI, which the rendered view's own command does not take.
      command('perpetua.showArtifactRendered', (arg) => editors.openRendered(arg)),
      command('perpetua.saveArtifactAs', (arg, target) => editors.saveAs(arg, target)),
    );
    context.subscriptions.push(editors);
    return editors;
  }

  /** Opens an artifact the way its type reads best: rendered (pictures), else in a text editor. */
  async openArtifact(arg: unknown): Promise<vscode.TextEditor | undefined> {
    const id = this.requireArtifactId(arg);
    const artifact = this.host.require().artifacts.getById(id);
    if (
      RENDERED_TYPES.has(artifact.type) &&
      (await vscode.commands.getCommands(true)).includes(OPEN_RENDERED_COMMAND)
    ) {
      await vscode.commands.executeCommand(OPEN_RENDERED_COMMAND, id);
      return undefined;
    }
    return this.openSource(id);
  }

  /** The rendered view of the artifact (the webview issue's panel), else its source. */
  async openRendered(arg: unknown): Promise<void> {
    const id = this.requireArtifactId(arg);
    if ((await vscode.commands.getCommands(true)).includes(OPEN_RENDERED_COMMAND)) {
      await vscode.commands.executeCommand(OPEN_RENDERED_COMMAND, id);
    } else {
      await this.openSource(id);
    }
  }

  /** The artifact's text in an editor; an artifact already open is focused, not opened twice. */
  async openSource(arg: unknown): Promise<vscode.TextEditor> {
    const id = this.requireArtifactId(arg);
    return this.show({ kind: 'artifact', id });
  }

  /** A stage as a read-only Markdown document. */
  async openStage(stageId: string): Promise<vscode.TextEditor> {
    return this.show({ kind: 'stage', id: stageId });
  }

  private async show(target: PerpetuaTarget): Promise<vscode.TextEditor> {
    const open = this.findOpenTab(target);
    const uri = open?.uri ?? this.fileSystem.uriFor(target);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, {
      preview: false,
      ...(open ? { viewColumn: open.viewColumn } : {}),
    });
  }

  /** The tab already showing this artifact or stage (its path may be older than the current title). */
  findOpenTab(target: PerpetuaTarget): { uri: vscode.Uri; viewColumn: vscode.ViewColumn } | undefined {
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input;
        if (!(input instanceof vscode.TabInputText) || input.uri.scheme !== SCHEME) continue;
        const named = targetFromQuery(input.uri.query);
        if (named?.kind === target.kind && named.id === target.id) {
          return { uri: input.uri, viewColumn: group.viewColumn };
        }
      }
    }
    return undefined;
  }

  /**
   * Writes the artifact (the editor's text when it is open, edits included) to a file of the person's
   * choosing, by default in the workspace; `target` skips the dialog (tests, other commands).
   */
  async saveAs(arg: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
    const id = arg === undefined ? activeArtifactId() : artifactIdArgument(arg);
    if (!id)
      throw new StoreError(
        'INVALID_INPUT',
        'Open an artifact (or choose one in the Perpetua view) to save it.',
      );
    const artifact = this.host.require().artifacts.getById(id);
    const open = vscode.workspace.textDocuments.find((d) => artifactIdArgument(d.uri) === id);
    const text = open?.getText() ?? artifact.content;
    const name = artifactFileName(artifact.title, extensionFor(artifact));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const destination =
      target instanceof vscode.Uri
        ? target
        : await vscode.window.showSaveDialog({
            title: `Save "${artifact.title}" As`,
            ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
          });
    if (!destination) return undefined;
    await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(text));
    this.log.info(`Saved artifact ${id} as ${destination.toString(true)}.`);
    if (!(target instanceof vscode.Uri)) await vscode.window.showTextDocument(destination);
    return destination;
  }

  private requireArtifactId(arg: unknown): string {
    const id = arg === undefined ? activeArtifactId() : artifactIdArgument(arg);
    if (!id)
      throw new StoreError(
        'INVALID_INPUT',
        'Choose an artifact in the Perpetua view or in search to open it.',
      );
    return id;
  }

  private onConflict(conflict: SaveConflict): void {
    this.conflicts.push(conflict);
    if (this.conflicts.length > 20) this.conflicts.shift();
    this.log.warn(
      `Save of artifact ${conflict.artifactId} refused: it changed in the database since it was opened.`,
    );
    void vscode.window
      .showWarningMessage(
        `"${conflict.title}" changed in the Perpetua database after you opened it. Your edits were not saved.`,
        'Overwrite',
        'Reload',
      )
      .then(async (choice) => {
        if (choice === 'Overwrite') {
          this.fileSystem.acceptCurrentVersion(conflict.uri);
          await vscode.workspace.save(conflict.uri);
        } else if (choice === 'Reload') {
          this.fileSystem.acceptCurrentVersion(conflict.uri);
          await vscode.window.showTextDocument(conflict.uri);
          await vscode.commands.executeCommand('workbench.action.files.revert');
        }
      });
  }

  private showError(error: unknown, commandId: string): void {
    const message = this.log.error(error, `running ${commandId}`);
    void vscode.window.showErrorMessage(message, 'Show Details').then((choice) => {
      if (choice) this.log.show();
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
