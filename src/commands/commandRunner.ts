import * as vscode from 'vscode';
import type { StoreHost } from '../host/storeHost';
import type { Log } from '../host/log';
import type { JourneyTreeView } from '../tree/journeyTreeView';

/** What every command module needs. */
export interface CommandDeps {
  readonly host: StoreHost;
  readonly view: JourneyTreeView;
  readonly log: Log;
}

// Command arguments come from menus, keybindings and tests, so they are `unknown` until checked.
export type CommandHandler = (...args: unknown[]) => unknown;

/**
 * Registers a command whose failures reach the person as one sentence (with the detail in the output
 * channel) instead of VS Code's generic "command failed" toast.
 */
export function registerCommand(id: string, log: Log, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      const message = log.error(error, `running ${id}`);
      void vscode.window.showErrorMessage(message, 'Show Details').then((choice) => {
        if (choice) log.show();
      });
      return undefined;
    }
  });
}
