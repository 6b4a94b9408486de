import * as vscode from 'vscode';
import { loadDemoJourneys } from '../demo/demoJourneys';
import {
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  parseExchangeDocument,
  type ExchangeDocument,
  type ExchangeJourney,
  type ImportReport,
  type Store,
} from '../store';
import { plural } from '../tree/markdownText';
import { registerCommand, type CommandDeps } from './commandRunner';
import { uriArgument } from './commandTargets';
import { withCancellableProgress, yieldToHost } from './longWork';

const EXPORT_CHUNK = 100;

function describeImport(report: ImportReport): string {
  const j = report.journeys;
  return `${plural(j.created, 'journey')} added, ${j.updated} updated, ${j.unchanged} unchanged (${plural(report.stages.created, 'stage')}, ${plural(report.artifacts.created, 'artifact')} added).`;
}

/** Load Demo Journeys, Export All and Import…: whole documents in and out of the store. */
export class TransferCommands {
  static register(deps: CommandDeps): vscode.Disposable {
    return vscode.Disposable.from(
      registerCommand('perpetua.loadDemoJourneys', deps.log, () => TransferCommands.loadDemo(deps)),
      registerCommand('perpetua.exportAll', deps.log, (target) =>
        TransferCommands.exportAll(deps, uriArgument(target)),
      ),
      registerCommand('perpetua.importJourneys', deps.log, (source) =>
        TransferCommands.import(deps, uriArgument(source)),
      ),
    );
  }

  private static loadDemo(deps: CommandDeps): ImportReport {
    const report = deps.host.write((store) => loadDemoJourneys(store));
    deps.log.info(`Loaded the demo journeys: ${describeImport(report)}`);
    void vscode.window.showInformationMessage(`Demo journeys: ${describeImport(report)}`);
    return report;
  }

  /** Exports every journey in chunks, so a large store keeps the host responsive and can be cancelled. */
  private static async exportAll(
    deps: CommandDeps,
    given: vscode.Uri | undefined,
  ): Promise<vscode.Uri | undefined> {
    const store = deps.host.require();
    const target =
      given ??
      (await vscode.window.showSaveDialog({
        title: 'Export All Journeys',
        filters: { 'Perpetua journeys': ['json'] },
      }));
    if (!target) return undefined;
    return withCancellableProgress('Exporting journeys', async (progress, token) => {
      const ids = TransferCommands.allIds(store);
      const journeys: ExchangeJourney[] = [];
      for (let start = 0; start < ids.length; start += EXPORT_CHUNK) {
        if (token.isCancellationRequested) return undefined;
        journeys.push(...store.exportJson(ids.slice(start, start + EXPORT_CHUNK)).journeys);
        progress.report({
          message: `${journeys.length} of ${ids.length}`,
          increment: (100 * EXPORT_CHUNK) / ids.length,
        });
        await yieldToHost();
      }
      const doc: ExchangeDocument = {
        format: EXCHANGE_FORMAT,
        version: EXCHANGE_VERSION,
        exportedAt: new Date().toISOString(),
        journeys,
      };
      if (token.isCancellationRequested) return undefined;
      await vscode.workspace.fs.writeFile(target, Buffer.from(JSON.stringify(doc, null, 2) + '\n', 'utf8'));
      deps.log.info(`Exported ${plural(ids.length, 'journey')} to ${target.toString(true)}.`);
      if (!given) void vscode.window.showInformationMessage(`Exported ${plural(ids.length, 'journey')}.`);
      return target;
    });
  }

  /** Reads and validates the whole file first; the write is one transaction, so cancelling leaves the store as it was. */
  private static async import(
    deps: CommandDeps,
    given: vscode.Uri | undefined,
  ): Promise<ImportReport | undefined> {
    const source =
      given ??
      (
        await vscode.window.showOpenDialog({
          title: 'Import Journeys',
          canSelectMany: false,
          filters: { 'Perpetua journeys': ['json'] },
        })
      )?.[0];
    if (!source) return undefined;
    return withCancellableProgress('Importing journeys', async (progress, token) => {
      progress.report({ message: 'Reading the file' });
      const bytes = await vscode.workspace.fs.readFile(source);
      if (token.isCancellationRequested) return undefined;
      progress.report({ message: 'Checking every journey' });
      await yieldToHost();
      const doc = parseExchangeDocument(Buffer.from(bytes).toString('utf8'));
      if (token.isCancellationRequested) return undefined;
      progress.report({ message: `Writing ${plural(doc.journeys.length, 'journey')}` });
      await yieldToHost();
      if (token.isCancellationRequested) return undefined;
      const report = deps.host.write((store) => store.importJson(doc));
      deps.log.info(`Imported ${source.toString(true)}: ${describeImport(report)}`);
      if (!given) void vscode.window.showInformationMessage(`Imported: ${describeImport(report)}`);
      return report;
    });
  }

  private static allIds(store: Store): string[] {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = store.journeys.findAll({ limit: 1000, after });
      ids.push(...page.items.map((j) => j.id));
      after = page.nextCursor;
    } while (after);
    return ids;
  }
}
