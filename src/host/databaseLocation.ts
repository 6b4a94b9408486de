import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { StoreError } from '../store';

export const DATABASE_PATH_SETTING = 'databasePath';
const DEFAULT_FILE_NAME = 'perpetua.db';

/** Where the store lives: the setting, else $PERPETUA_DB (tests, `npm start`), else the extension's global storage. */
export class DatabaseLocation {
  constructor(private readonly globalStorage: vscode.Uri) {}

  /** The configured path, or undefined when the default applies. Throws for a relative path. */
  configuredPath(): string | undefined {
    const value = vscode.workspace.getConfiguration('perpetua').get<string>(DATABASE_PATH_SETTING, '').trim();
    if (!value) return undefined;
    const expanded = value.startsWith('~/') ? join(homedir(), value.slice(2)) : value;
    if (!isAbsolute(expanded)) {
      // A relative path would depend on where VS Code was started; refuse it rather than guess.
      throw new StoreError(
        'CANNOT_OPEN',
        `The setting perpetua.databasePath must be an absolute path (or start with ~/); it is "${value}".`,
      );
    }
    return expanded;
  }

  /** Resolves the path, creating the default folder (never a user-chosen one) when it is missing. */
  resolve(): { path: string; isDefault: boolean } {
    const configured = this.configuredPath();
    if (configured) return { path: configured, isDefault: false };
    const fromEnv = process.env.PERPETUA_DB?.trim();
    if (fromEnv && isAbsolute(fromEnv)) return { path: fromEnv, isDefault: true };
    mkdirSync(this.globalStorage.fsPath, { recursive: true });
    return { path: join(this.globalStorage.fsPath, DEFAULT_FILE_NAME), isDefault: true };
  }

  static affects(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration(`perpetua.${DATABASE_PATH_SETTING}`);
  }
}
