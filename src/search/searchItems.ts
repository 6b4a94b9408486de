import * as vscode from 'vscode';
import type { SearchHit, StageType } from '../store';
import { artifactTypeIcon } from '../tree/icons';

const STAGE_TYPE_ICONS: Record<StageType, string> = {
  discovering: 'telescope',
  chasing: 'run',
  solving: 'lightbulb',
  challenging: 'shield',
  questioning: 'question',
  searching: 'search',
  imagining: 'sparkle',
  building: 'tools',
};

const JOURNEY_LABEL_CHARS = 48;

export const REVEAL_BUTTON: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('list-tree'),
  tooltip: 'Reveal in the Perpetua View',
};
export const OPEN_JOURNEY_BUTTON: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('book'),
  tooltip: 'Open Journey',
};
export const REMOVE_RECENT_BUTTON: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('close'),
  tooltip: 'Remove from Recent Searches',
};

export type SearchItem =
  | (vscode.QuickPickItem & { type: 'hit'; hit: SearchHit })
  | (vscode.QuickPickItem & { type: 'recent'; text: string });

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The journey as a short label: its first line, cut at a word. */
export function journeyLabel(input: string): string {
  const line = (input.split('\n', 1)[0] ?? '').trim();
  if (line.length <= JOURNEY_LABEL_CHARS) return line;
  const cut = line.slice(0, JOURNEY_LABEL_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > JOURNEY_LABEL_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * One hit as a row: icon for its kind, title, "journey › stage", and the snippet. `alwaysShow`, because the
 * store already chose these rows; VS Code's own fuzzy filter must not hide full-text hits.
 */
export function hitItem(hit: SearchHit): SearchItem {
  const where = `${journeyLabel(hit.journeyInput)} › ${capitalize(hit.stageType)}`;
  if (hit.kind === 'artifact') {
    return {
      type: 'hit',
      hit,
      label: hit.title,
      iconPath: artifactTypeIcon(hit.artifactType),
      description: where,
      detail: hit.snippet.text,
      alwaysShow: true,
      buttons: [REVEAL_BUTTON, OPEN_JOURNEY_BUTTON],
    };
  }
  return {
    type: 'hit',
    hit,
    label: `${capitalize(hit.stageType)} stage · ${hit.field}`,
    iconPath: new vscode.ThemeIcon(STAGE_TYPE_ICONS[hit.stageType]),
    description: journeyLabel(hit.journeyInput),
    detail: hit.snippet.text,
    alwaysShow: true,
    buttons: [REVEAL_BUTTON, OPEN_JOURNEY_BUTTON],
  };
}

export function recentItem(text: string): SearchItem {
  return {
    type: 'recent',
    text,
    label: text,
    iconPath: new vscode.ThemeIcon('history'),
    description: 'recent search',
    alwaysShow: true,
    buttons: [REMOVE_RECENT_BUTTON],
  };
}
