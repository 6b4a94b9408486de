import * as vscode from 'vscode';
import type { CheckReport } from '../store';
import { DATABASE_PATH_SETTING } from '../host/databaseLocation';
import { registerCommand, type CommandDeps } from './commandRunner';
import { uriArgument } from './commandTargets';
import { withCancellableProgress } from './longWork';

/** Which database is open and whether it is healthy: Open Database…, the default, Refresh, Check, the log. */
export class DatabaseCommands {
  static register(deps: CommandDeps): vscode.Disposable {
    return vscode.Disposable.from(
      registerCommand('perpetua.openDatabase', deps.log, (file) => DatabaseCommands.open(uriArgument(file))),
      registerCommand('perpetua.useDefaultDatabase', deps.log, () => DatabaseCommands.setPath(undefined)),
      registerCommand('perpetua.refresh', deps.log, () => DatabaseCommands.refresh(deps)),
      registerCommand('perpetua.showLog', deps.log, () => deps.log.show()),
      registerCommand('perpetua.checkDatabase', deps.log, (quiet) =>
        DatabaseCommands.check(deps, quiet === true),
      ),
    );
  }

  /** Points the setting at the chosen file; the store reopens when the setting changes. Returns the path. */
  private static async open(given: vscode.Uri | undefined): Promise<string | undefined> {
    const file =
      given ??
      (
        await vscode.window.showOpenDialog({
          title: 'Open Perpetua Database',
          canSelectMany: false,
          openLabel: 'Open Database',
          filters: { 'SQLite database': ['db', 'sqlite', 'sqlite3'], 'All files': ['*'] },
        })
      )?.[0];
    if (!file) return undefined;
    await DatabaseCommands.setPath(file.fsPath);
    return file.fsPath;
  }

  private static async setPath(path: string | undefined): Promise<void> {
    await vscode.workspace
      .getConfiguration('perpetua')
      .update(DATABASE_PATH_SETTING, path, vscode.ConfigurationTarget.Global);
  }

  /** Re-reads the store; after an error, tries to open the database again. */
  private static refresh(deps: CommandDeps): void {
    if (deps.host.state.kind === 'error') deps.host.reopen('Refresh was asked for after an error');
    else deps.view.provider.refresh();
  }

  private static async check(deps: CommandDeps, quiet: boolean): Promise<CheckReport | undefined> {
    const store = deps.host.require();
    const report = await withCancellableProgress(
      'Checking the Perpetua database',
      async (progress, token) => {
        progress.report({ message: 'integrity, foreign keys and search indexes' });
        return deps.host.check(token);
      },
    );
    if (!report) return undefined;
    deps.log.info(
      `Check of ${store.path}: ${report.ok ? 'no problems' : report.problems.join(' | ')}` +
        (report.warnings.length > 0 ? `; warnings: ${report.warnings.join(' | ')}` : ''),
    );
    if (!quiet) {
      if (report.ok && report.warnings.length === 0) {
        void vscode.window.showInformationMessage('The Perpetua database has no problems.');
      } else {
        const summary = report.ok ? report.warnings[0]! : report.problems[0]!;
        void vscode.window
          .showWarningMessage(
            `${report.problems.length} problem(s), ${report.warnings.length} warning(s): ${summary}`,
            'Show Details',
          )
          .then((choice) => {
            if (choice) deps.log.show();
          });
      }
    }
    return report;
  }
}
