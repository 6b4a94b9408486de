import * as vscode from 'vscode';
import { isJourneyStatus, JOURNEY_STATUSES, type JourneyStatus } from '../store';

const STATE_KEY = 'perpetua.tree.options';

interface StoredOptions {
  statuses?: unknown;
  grouped?: unknown;
}

/** The status filter and "group by status", remembered across restarts and mirrored into when-clause contexts. */
export class TreeOptions {
  private filter: JourneyStatus[] | undefined;
  private groupByStatus: boolean;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly memento: vscode.Memento) {
    const stored = memento.get<StoredOptions>(STATE_KEY) ?? {};
    this.filter = normalise(stored.statuses);
    this.groupByStatus = stored.grouped === true;
    this.updateContext();
  }

  /** The statuses shown, or undefined for all. */
  get statuses(): readonly JourneyStatus[] | undefined {
    return this.filter;
  }

  get grouped(): boolean {
    return this.groupByStatus;
  }

  shows(status: JourneyStatus): boolean {
    return this.filter === undefined || this.filter.includes(status);
  }

  async setStatuses(statuses: readonly JourneyStatus[] | undefined): Promise<void> {
    this.filter = normalise(statuses);
    await this.save();
  }

  async setGrouped(grouped: boolean): Promise<void> {
    this.groupByStatus = grouped;
    await this.save();
  }

  private async save(): Promise<void> {
    this.updateContext();
    this.changeEmitter.fire();
    await this.memento.update(STATE_KEY, { statuses: this.filter, grouped: this.groupByStatus });
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'perpetua.filtered', this.filter !== undefined);
    void vscode.commands.executeCommand('setContext', 'perpetua.grouped', this.groupByStatus);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** Keeps known statuses in their canonical order; "all of them" and "none" both mean no filter. */
function normalise(value: unknown): JourneyStatus[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const chosen = JOURNEY_STATUSES.filter((s) => value.some((v) => isJourneyStatus(v) && v === s));
  return chosen.length === 0 || chosen.length === JOURNEY_STATUSES.length ? undefined : chosen;
}
