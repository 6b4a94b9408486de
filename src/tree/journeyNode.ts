import * as vscode from 'vscode';
import type { JourneySummary, Store } from '../store';
import { journeyStatusIcon } from './icons';
import { literal, plural } from './markdownText';
import { formatRelativeTime, formatTimestamp } from './relativeTime';
import type { JourneyListParent } from './treeNode';

/** A journey: its input as the label, its status as the icon; expands to its stages. */
export class JourneyNode {
  readonly kind = 'journey';

  constructor(
    public journey: JourneySummary,
    public parent: JourneyListParent,
  ) {}

  get id(): string {
    return this.journey.id;
  }

  /** `journey.<status>`: menus match on it so each action shows only where it applies. */
  get contextValue(): string {
    return `journey.${this.journey.status}`;
  }

  toTreeItem(now = Date.now()): vscode.TreeItem {
    const j = this.journey;
    const item = new vscode.TreeItem(
      journeyLabel(j.input),
      j.stageCount > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `journey:${j.id}`;
    item.description = `${formatRelativeTime(j.createdAt, now)} · ${plural(j.stageCount, 'stage')}`;
    item.iconPath = journeyStatusIcon(j.status);
    item.contextValue = this.contextValue;
    // A click opens the journey view beside the tree, keeping focus in the tree (like the file explorer).
    item.command = {
      command: 'perpetua.openJourney',
      title: 'Open Journey',
      arguments: [j.id, undefined, { preserveFocus: true }],
    };
    item.accessibilityInformation = { label: `${firstLine(j.input)}, ${j.status}, ${item.description}` };
    return item;
  }

  tooltip(store: Store): vscode.MarkdownString {
    const j = store.journeys.findSummaryById(this.journey.id) ?? this.journey;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${literal(j.input, 300)}**\n\n`);
    md.appendMarkdown(
      `$(${journeyStatusIcon(j.status).id}) ${j.status} · ${plural(j.stageCount, 'stage')} · `,
    );
    md.appendMarkdown(`${plural(j.artifactCount, 'artifact')}\n\n`);
    md.appendMarkdown(`Started ${formatTimestamp(j.createdAt)}, updated ${formatTimestamp(j.updatedAt)}\n\n`);
    md.appendMarkdown(
      `Model \`${literal(String(j.settings.model), 80)}\`, at most ${j.settings.maxStages} stages\n\n`,
    );
    md.appendMarkdown(`\`${j.id}\``);
    md.supportThemeIcons = true;
    return md;
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

const LABEL_CHARS = 64;

/** The input's first line, cut at a word near 64 characters so the description (age, stages) stays visible. */
export function journeyLabel(input: string): string {
  const line = firstLine(input);
  if (line.length <= LABEL_CHARS) return line;
  const cut = line.slice(0, LABEL_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > LABEL_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
