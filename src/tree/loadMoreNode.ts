import * as vscode from 'vscode';
import type { JourneyListParent } from './treeNode';

export const LOAD_MORE_COMMAND = 'perpetua.loadMore';

/** The last row of a page of journeys: clicking it loads the next page under the same parent. */
export class LoadMoreNode {
  readonly kind = 'loadMore';

  constructor(
    readonly parent: JourneyListParent,
    readonly shown: number,
    readonly total: number,
  ) {}

  get id(): string {
    return `loadMore:${this.parent?.status ?? 'all'}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${this.shown} of ${this.total}`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: LOAD_MORE_COMMAND, title: 'Load More', arguments: [this] };
    return item;
  }
}
