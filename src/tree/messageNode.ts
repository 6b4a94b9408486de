import * as vscode from 'vscode';

/** A line of text or an action in the tree: why the database cannot be opened, what can be done. */
export class MessageNode {
  readonly kind = 'message';
  readonly parent = undefined;

  constructor(
    readonly id: string,
    readonly label: string,
    readonly options: {
      icon?: string;
      description?: string;
      tooltip?: string;
      command?: vscode.Command;
    } = {},
  ) {}

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = `message:${this.id}`;
    if (this.options.icon) item.iconPath = new vscode.ThemeIcon(this.options.icon);
    if (this.options.description) item.description = this.options.description;
    if (this.options.tooltip) item.tooltip = this.options.tooltip;
    if (this.options.command) item.command = this.options.command;
    item.contextValue = `message.${this.id}`;
    return item;
  }
}
