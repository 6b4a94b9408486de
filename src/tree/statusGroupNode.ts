import * as vscode from 'vscode';
import type { JourneyStatus } from '../store';
import { journeyStatusIcon } from './icons';

/** With "group by status" on: one node per status that has journeys. */
export class StatusGroupNode {
  readonly kind = 'group';
  readonly parent = undefined;

  constructor(
    readonly status: JourneyStatus,
    public count: number,
  ) {}

  get id(): string {
    return `group:${this.status}`;
  }

  toTreeItem(): vscode.TreeItem {
    const label = this.status.charAt(0).toUpperCase() + this.status.slice(1);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = String(this.count);
    item.iconPath = journeyStatusIcon(this.status);
    item.contextValue = 'statusGroup';
    return item;
  }
}
