import * as vscode from 'vscode';
import type { StageSummary, Store } from '../store';
import { stageStatusIcon } from './icons';
import type { JourneyNode } from './journeyNode';
import { literal, plural } from './markdownText';
import { formatTimestamp } from './relativeTime';

/** A stage of a journey, numbered in the order it ran; expands to its artifacts. */
export class StageNode {
  readonly kind = 'stage';

  constructor(
    public stage: StageSummary,
    /** 1-based position in the journey. */
    public position: number,
    public parent: JourneyNode,
  ) {}

  get id(): string {
    return this.stage.id;
  }

  toTreeItem(): vscode.TreeItem {
    const s = this.stage;
    const item = new vscode.TreeItem(
      `${this.position}. ${s.type}`,
      s.artifactCount > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `stage:${s.id}`;
    item.description = s.promptPreview ? `${s.status} · ${s.promptPreview}` : s.status;
    item.iconPath = stageStatusIcon(s.status);
    item.contextValue = `stage.${s.status}`;
    return item;
  }

  tooltip(store: Store): vscode.MarkdownString {
    const stage = store.stages.findById(this.stage.id);
    const md = new vscode.MarkdownString();
    md.supportThemeIcons = true;
    md.appendMarkdown(`**Stage ${this.position}: ${this.stage.type}** · ${this.stage.status}\n\n`);
    if (!stage) return md.appendMarkdown('_This stage no longer exists._');
    md.appendMarkdown(
      `${plural(this.stage.artifactCount, 'artifact')} · started ${formatTimestamp(stage.createdAt)}\n\n`,
    );
    if (stage.prompt) md.appendMarkdown(`**Prompt**\n\n${literal(stage.prompt)}\n\n`);
    if (stage.result) md.appendMarkdown(`**Result**\n\n${literal(stage.result)}\n\n`);
    md.appendMarkdown(`\`${stage.id}\``);
    return md;
  }
}
