import * as vscode from 'vscode';
import type { JourneyTreeView } from '../tree/journeyTreeView';
import type { TreeNode } from '../tree/treeNode';

function isNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'kind' in value && 'id' in value;
}

function idsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (isNode(value) && value.kind === 'journey') return [value.id];
  if (Array.isArray(value)) return value.flatMap(idsOf);
  return [];
}

/**
 * The journeys a command acts on. From a context menu: the clicked node, or the whole selection when the
 * clicked node is part of it. From tests and other commands: ids. From the palette: the tree's selection.
 */
export function journeyTargets(view: JourneyTreeView, clicked: unknown, selection: unknown): string[] {
  if (clicked === undefined) return idsOf([...view.treeView.selection]);
  if (Array.isArray(selection) && selection.length > 1 && selection.includes(clicked))
    return unique(idsOf(selection));
  return unique(idsOf(clicked));
}

/** The one node a command acts on (copy id): the clicked one, else the first selected. */
export function nodeTarget(view: JourneyTreeView, clicked: unknown): TreeNode | undefined {
  if (isNode(clicked)) return clicked;
  return view.treeView.selection[0];
}

export function uriArgument(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value)
    return value.includes('://') ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return undefined;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
