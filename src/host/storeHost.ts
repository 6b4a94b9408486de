import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  openStore,
  StoreError,
  toStoreError,
  type CheckReport,
  type MigrationReport,
  type Store,
} from '../store';
import { checkInChildProcess } from './databaseCheck';
import { DatabaseLocation } from './databaseLocation';
import { ExternalChangeWatcher } from './externalChangeWatcher';
import type { Log } from './log';

export type StoreState =
  | { kind: 'closed' }
  | { kind: 'open'; path: string; store: Store }
  | { kind: 'error'; path: string; error: StoreError };

/** Why the data may look different: our own write, another process's write, or a (re)opened database. */
export type StoreChange = 'write' | 'external' | 'reopened';

/**
 * Owns the one store of the extension host: opens it lazily where the settings say, reopens it when they
 * change, remembers why it could not be opened (nothing is deleted or overwritten), and announces changes.
 */
export class StoreHost implements vscode.Disposable {
  private currentState: StoreState = { kind: 'closed' };
  private watcher: ExternalChangeWatcher | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<StoreChange>();
  readonly onDidChange = this.changeEmitter.event;

  private constructor(
    private readonly location: DatabaseLocation,
    private readonly log: Log,
    /** The bundled CLI, which runs the long database check in a process of its own. */
    private readonly cliPath: string,
  ) {}

  static register(context: vscode.ExtensionContext, log: Log): StoreHost {
    const host = new StoreHost(
      new DatabaseLocation(context.globalStorageUri),
      log,
      vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath,
    );
    context.subscriptions.push(
      host,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (DatabaseLocation.affects(event)) host.reopen('the setting perpetua.databasePath changed');
      }),
    );
    return host;
  }

  get state(): StoreState {
    return this.currentState;
  }

  /** The open store, opening it on first use; undefined when it cannot be opened (see `state`). */
  current(): Store | undefined {
    if (this.currentState.kind === 'closed') this.open();
    return this.currentState.kind === 'open' ? this.currentState.store : undefined;
  }

  /** For commands: the open store, or the StoreError that explains why there is none. */
  require(): Store {
    const store = this.current();
    if (store) return store;
    if (this.currentState.kind === 'error') throw this.currentState.error;
    throw new StoreError('CLOSED', 'The Perpetua database is not open.');
  }

  /** Runs a change and announces it at once, so the tree never waits for the file watcher. */
  write<T>(change: (store: Store) => T): T {
    const result = change(this.require());
    this.changeEmitter.fire('write');
    return result;
  }

  /**
   * Checks the open database off the extension host's thread, in the CLI's process (killed on cancel);
   * undefined when cancelled. In this process only when the CLI is missing from the build.
   */
  async check(token: vscode.CancellationToken): Promise<CheckReport | undefined> {
    const store = this.require();
    if (!existsSync(this.cliPath)) return store.check();
    return checkInChildProcess(this.cliPath, store.path, token);
  }

  /** Closes the store and announces the change; the next reader opens it again from the settings. */
  reopen(reason: string): void {
    this.log.info(`Reopening the database: ${reason}.`);
    this.close();
    this.changeEmitter.fire('reopened');
  }

  private open(): void {
    let path = '';
    try {
      path = this.location.resolve().path;
      const store = openStore(path, { log: (line) => this.log.info(line) });
      this.logOpenReport(store.openReport);
      this.currentState = { kind: 'open', path, store };
      this.watcher = new ExternalChangeWatcher(
        path,
        () => store.dataVersion(),
        () => {
          this.log.info('Another program changed the database; refreshing.');
          this.changeEmitter.fire('external');
        },
        (error) => this.log.warn(`Cannot watch ${path} for changes by other programs: ${String(error)}`),
      );
    } catch (error) {
      const storeError = toStoreError(error, path ? `opening ${path}` : 'finding the database');
      this.log.error(storeError);
      this.currentState = { kind: 'error', path, error: storeError };
    }
  }

  private logOpenReport(report: MigrationReport | undefined): void {
    if (!report) return;
    const adoption = report.adoption;
    if (adoption) {
      const { kept } = adoption;
      this.log.info(
        `Adopted a database made by Perpetua's desktop app (${adoption.origin}): kept ${kept.journeys} journeys, ` +
          `${kept.stages} stages, ${kept.artifacts} artifacts; removed ${adoption.orphanStagesRemoved} orphan stages ` +
          `and ${adoption.orphanArtifactsRemoved} orphan artifacts${adoption.ftsWasCorrupt ? '; rebuilt a damaged search index' : ''}.`,
      );
    }
    if (report.steps.length > 0) this.log.info(`Schema moved from version ${report.from} to ${report.to}.`);
  }

  private close(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    if (this.currentState.kind === 'open') {
      try {
        this.currentState.store.close();
      } catch (error) {
        this.log.error(error, 'closing the database');
      }
    }
    this.currentState = { kind: 'closed' };
  }

  dispose(): void {
    this.close();
    this.changeEmitter.dispose();
  }
}
