import * as vscode from 'vscode';
import type { Store } from '../store';
import { registerCommand, type CommandDeps } from './commandRunner';
import { journeyTargets, uriArgument } from './commandTargets';
import { journeyMarkdown } from './journeyMarkdown';

type ExportFormat = 'json' | 'markdown';

/** Exports the clicked or selected journeys: JSON (for import elsewhere) or Markdown (for reading). */
export class ExportJourneys {
  static register(deps: CommandDeps): vscode.Disposable {
    return vscode.Disposable.from(
      registerCommand('perpetua.exportJourney', deps.log, (clicked, selection, target) =>
        ExportJourneys.run(deps, 'json', journeyTargets(deps.view, clicked, selection), uriArgument(target)),
      ),
      registerCommand('perpetua.exportJourneyMarkdown', deps.log, (clicked, selection, target) =>
        ExportJourneys.run(
          deps,
          'markdown',
          journeyTargets(deps.view, clicked, selection),
          uriArgument(target),
        ),
      ),
    );
  }

  /** Returns the file written, or undefined when nothing was chosen. */
  private static async run(
    deps: CommandDeps,
    format: ExportFormat,
    ids: string[],
    given: vscode.Uri | undefined,
  ): Promise<vscode.Uri | undefined> {
    if (ids.length === 0) return undefined;
    const store = deps.host.require();
    const target = given ?? (await ExportJourneys.ask(store, format, ids));
    if (!target) return undefined;
    const text =
      format === 'json'
        ? JSON.stringify(store.exportJson(ids), null, 2) + '\n'
        : ExportJourneys.markdown(store, ids);
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    deps.log.info(`Exported ${ids.length} journey(s) as ${format} to ${target.toString(true)}.`);
    if (!given) {
      void vscode.window.showInformationMessage(`Exported to ${target.fsPath}`, 'Open').then((choice) => {
        if (choice) void vscode.window.showTextDocument(target);
      });
    }
    return target;
  }

  private static markdown(store: Store, ids: string[]): string {
    const content = (id: string) => store.artifacts.findById(id)?.content ?? '';
    return ids
      .map((id) => store.journeys.getWithStages(id))
      .filter((j) => j !== undefined)
      .map((j) => journeyMarkdown(j, content))
      .join('\n\n---\n\n');
  }

  private static ask(store: Store, format: ExportFormat, ids: string[]): Thenable<vscode.Uri | undefined> {
    const first = store.journeys.findById(ids[0]!);
    const base = ids.length === 1 && first ? slug(first.input) : `${ids.length}-journeys`;
    const extension = format === 'json' ? 'json' : 'md';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return vscode.window.showSaveDialog({
      title: ids.length === 1 ? 'Export Journey' : `Export ${ids.length} Journeys`,
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${base}.${extension}`) } : {}),
      filters: format === 'json' ? { 'Perpetua journeys': ['json'] } : { Markdown: ['md'] },
    });
  }
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 50) || 'journey'
  );
}
