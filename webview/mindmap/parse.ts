// Mindmap sources → one tree. Two forms: a Markdown outline (headings and nested list items) and a JSON
// tree `{ "text", "children": [...] }` (also `name`/`label`/`title` for the text, or a top-level array).

export interface MindNode {
  text: string;
  children: MindNode[];
}

const MAX_NODES = 5000;

export function looksLikeOutline(content: string, format: unknown): boolean {
  if (format === 'markdown' || format === 'md') return true;
  if (format === 'json') return false;
  return /^\s*(#|[-*+]\s)/.test(content);
}

/** Parses either form; throws with a sentence when the content is neither. */
export function parseMindmap(content: string, format: unknown, fallbackTitle: string): MindNode {
  const root = looksLikeOutline(content, format)
    ? parseOutline(content, fallbackTitle)
    : parseJsonTree(content, fallbackTitle);
  return root;
}

function clean(text: string): string {
  // Outline text may carry inline Markdown; the map shows plain words.
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .trim();
}

export function parseOutline(content: string, fallbackTitle: string): MindNode {
  const synthetic: MindNode = { text: fallbackTitle, children: [] };
  // Stack of (depth, node); headings take depths 1–6, list items 10 + indentation.
  const stack: { depth: number; node: MindNode }[] = [{ depth: 0, node: synthetic }];
  let count = 0;
  let inFence = false;
  for (const raw of content.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(raw)) inFence = !inFence;
    if (inFence || count >= MAX_NODES) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(raw);
    const item = /^(\s*)[-*+]\s+(.*)$/.exec(raw) ?? /^(\s*)\d+[.)]\s+(.*)$/.exec(raw);
    let depth: number;
    let text: string;
    if (heading) {
      depth = heading[1]!.length;
      text = heading[2]!;
    } else if (item) {
      depth = 10 + item[1]!.replace(/\t/g, '    ').length;
      text = item[2]!;
    } else continue;
    text = clean(text);
    if (!text) continue;
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const node: MindNode = { text, children: [] };
    stack[stack.length - 1]!.node.children.push(node);
    stack.push({ depth, node });
    count++;
  }
  // A single top-level heading is the centre of the map.
  if (synthetic.children.length === 1) return synthetic.children[0]!;
  if (synthetic.children.length === 0) throw new Error('The outline has no headings or list items to draw.');
  return synthetic;
}

export function parseJsonTree(content: string, fallbackTitle: string): MindNode {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw new Error(
      `The mindmap is neither a Markdown outline nor valid JSON (${(error as Error).message}).`,
    );
  }
  let count = 0;
  const toNode = (v: unknown, depth: number): MindNode => {
    if (++count > MAX_NODES || depth > 64) return { text: '…', children: [] };
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      return { text: String(v), children: [] };
    if (Array.isArray(v)) return { text: fallbackTitle, children: v.map((c) => toNode(c, depth + 1)) };
    if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      const label = [o.text, o.name, o.label, o.title].find(
        (x) => typeof x === 'string' || typeof x === 'number',
      );
      const kids = Array.isArray(o.children) ? o.children : [];
      return {
        text: label === undefined ? '(untitled)' : String(label),
        children: kids.map((c) => toNode(c, depth + 1)),
      };
    }
    return { text: 'null', children: [] };
  };
  return toNode(value, 0);
}
