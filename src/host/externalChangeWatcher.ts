import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type * as vscode from 'vscode';

const DEBOUNCE_MS = 150;

/**
 * Notices commits by other processes (the CLI, the desktop app, another window) without polling: the OS
 * reports writes to the database's folder, and `dataVersion` — which only moves for other connections'
 * commits — tells a real change from our own writes or a checkpoint.
 */
export class ExternalChangeWatcher implements vscode.Disposable {
  private readonly watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastVersion: number;

  constructor(
    dbPath: string,
    private readonly dataVersion: () => number,
    private readonly onChange: () => void,
    onError: (error: unknown) => void,
  ) {
    this.lastVersion = dataVersion();
    const names = new Set([basename(dbPath), `${basename(dbPath)}-wal`, `${basename(dbPath)}-journal`]);
    try {
      // The folder, not the files: the -wal file comes and goes with checkpoints.
      this.watcher = watch(dirname(dbPath), { persistent: false }, (_event, name) => {
        if (name === null || names.has(name.toString())) this.schedule();
      });
      this.watcher.on('error', onError);
    } catch (error) {
      onError(error);
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, DEBOUNCE_MS);
  }

  private check(): void {
    let version: number;
    try {
      version = this.dataVersion();
    } catch {
      return; // The store was closed in the meantime.
    }
    if (version !== this.lastVersion) {
      this.lastVersion = version;
      this.onChange();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
  }
}
