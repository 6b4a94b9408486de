import * as vscode from 'vscode';
import type { ArtifactSummary, Store } from '../store';
import { artifactTypeIcon } from './icons';
import { formatBytes, literal } from './markdownText';
import { formatTimestamp } from './relativeTime';
import type { StageNode } from './stageNode';

/** An artifact a stage produced, with an icon for its type. A leaf. */
export class ArtifactNode {
  readonly kind = 'artifact';

  constructor(
    public artifact: ArtifactSummary,
    public parent: StageNode,
  ) {}

  get id(): string {
    return this.artifact.id;
  }

  toTreeItem(): vscode.TreeItem {
    const a = this.artifact;
    const item = new vscode.TreeItem(a.title, vscode.TreeItemCollapsibleState.None);
    item.id = `artifact:${a.id}`;
    item.description = `${a.type} · ${formatBytes(a.contentBytes)}`;
    item.iconPath = artifactTypeIcon(a.type);
    item.contextValue = `artifact.${a.type}`;
    return item;
  }

  tooltip(store: Store): vscode.MarkdownString {
    const artifact = store.artifacts.findById(this.artifact.id);
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${literal(this.artifact.title, 200)}** · ${this.artifact.type} · `);
    md.appendMarkdown(`${formatBytes(this.artifact.contentBytes)}\n\n`);
    if (!artifact) return md.appendMarkdown('_This artifact no longer exists._');
    md.appendMarkdown(`Updated ${formatTimestamp(artifact.updatedAt)}\n\n`);
    if (artifact.content)
      md.appendCodeblock(artifact.content.slice(0, 600), artifact.type === 'code' ? '' : 'text');
    md.appendMarkdown(`\n\n\`${artifact.id}\``);
    return md;
  }
}
