import type { MindNode } from './parse';

// A left-to-right tidy tree: columns by depth, each subtree gets the vertical room of its visible leaves,
// parents sit in the middle of their children. Folded nodes hide their subtree.

export interface PlacedNode {
  path: string;
  node: MindNode;
  depth: number;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  folded: boolean;
  parent?: PlacedNode;
}

export const NODE_HEIGHT = 30;
const V_GAP = 12;
const H_GAP = 56;
const MAX_LABEL = 48;

export function labelOf(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

export function layoutMindmap(
  root: MindNode,
  folded: ReadonlySet<string>,
  measure: (label: string, depth: number) => number,
): PlacedNode[] {
  const placed: PlacedNode[] = [];
  const columnWidth: number[] = [];
  // First pass: visible nodes in preorder, with widths.
  const visit = (node: MindNode, path: string, depth: number, parent: PlacedNode | undefined): PlacedNode => {
    const label = labelOf(node.text);
    const width = Math.ceil(measure(label, depth)) + (node.children.length > 0 ? 40 : 24);
    const isFolded = folded.has(path) && node.children.length > 0;
    const p: PlacedNode = {
      path,
      node,
      depth,
      x: 0,
      y: 0,
      width,
      height: NODE_HEIGHT,
      label,
      folded: isFolded,
      ...(parent && { parent }),
    };
    placed.push(p);
    columnWidth[depth] = Math.max(columnWidth[depth] ?? 0, width);
    if (!isFolded) node.children.forEach((child, i) => visit(child, `${path}.${i}`, depth + 1, p));
    return p;
  };
  visit(root, '0', 0, undefined);
  const columnX: number[] = [];
  let x = 0;
  for (let d = 0; d < columnWidth.length; d++) {
    columnX[d] = x;
    x += (columnWidth[d] ?? 0) + H_GAP;
  }
  // Second pass: y from the leaves up.
  const children = new Map<PlacedNode, PlacedNode[]>();
  for (const p of placed) {
    if (p.parent) {
      const list = children.get(p.parent) ?? [];
      list.push(p);
      children.set(p.parent, list);
    }
  }
  let nextLeafY = 0;
  const place = (p: PlacedNode): void => {
    p.x = columnX[p.depth] ?? 0;
    const kids = children.get(p) ?? [];
    if (kids.length === 0) {
      p.y = nextLeafY;
      nextLeafY += NODE_HEIGHT + V_GAP;
      return;
    }
    kids.forEach(place);
    p.y = (kids[0]!.y + kids[kids.length - 1]!.y) / 2;
  };
  place(placed[0]!);
  return placed;
}
