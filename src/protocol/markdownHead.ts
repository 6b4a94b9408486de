// Cutting a long Markdown source so that its head can be shown first, on its own. Shared by the host (which
// posts a long document's head before the whole, see src/panels/artifactHead.ts) and the webview (which
// renders the head first when it has the whole). No DOM here: the unit tests run it in Node.

/** The head and the rest of a source: `head + rest` is the source. */
export interface MarkdownHeadSplit {
  head: string;
  rest: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([^\n]*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?$/;
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|\r?$)/;

/** Raw HTML blocks that, unlike the others, go on across blank lines, with what ends each of them. */
const RAW_HTML_BLOCKS: [start: RegExp, end: RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** What the line starting a fenced code block opens, if it is one (CommonMark's rules). */
function fenceOpenedBy(line: string): { marker: string } | undefined {
  const match = FENCE_OPEN.exec(line);
  if (!match) return undefined;
  const marker = match[1]!;
  // A backtick fence's info string may not contain a backtick (that line is inline code instead).
  if (marker.startsWith('`') && match[2]!.includes('`')) return undefined;
  return { marker };
}

function closesFence(line: string, marker: string): boolean {
  const match = FENCE_CLOSE.exec(line);
  return match !== null && match[1]![0] === marker[0] && match[1]!.length >= marker.length;
}

/** The end condition of the raw HTML block this line starts, unless it also ends on this line. */
function rawHtmlOpenedBy(line: string): RegExp | undefined {
  for (const [start, end] of RAW_HTML_BLOCKS) {
    const match = start.exec(line);
    if (match) return end.test(line.slice(match[0].length)) ? undefined : end;
  }
  return undefined;
}

/**
 * Cuts `source` into a head of at least `minLength` characters (if it can) and the rest, at a boundary between
 * top-level blocks: before an unindented line that follows a blank line, is not a list item, and is outside
 * any fenced code block or raw HTML block. So the head renders as it does at the start of the whole
 * document, except for links to reference definitions further down (see `referenceDefinitions`). If no such
 * boundary lies between `minLength` and `maxLength`, the last one before `minLength` is used; with none at
 * all, there is no split.
 */
export function splitMarkdownHead(
  source: string,
  minLength: number,
  maxLength: number,
): MarkdownHeadSplit | undefined {
  let cut: number | undefined;
  let previousBlank = false;
  for (const { line, position, inBlock } of linesOf(source, maxLength)) {
    if (inBlock) continue;
    const blank = line.trim() === '';
    if (previousBlank && !blank && !/^\s/.test(line) && !LIST_ITEM.test(line)) {
      cut = position;
      if (position >= minLength) break;
    }
    previousBlank = blank;
  }
  if (cut === undefined || cut === 0) return undefined;
  return { head: source.slice(0, cut), rest: source.slice(cut) };
}

/**
 * The lines of `source` that start at or before `until`, each with whether it lies inside a fenced code block
 * or a multi-line raw HTML block (the line that opens one is not inside it; the line that closes it is).
 */
function* linesOf(
  source: string,
  until: number,
): Generator<{ line: string; position: number; inBlock: boolean }> {
  let fence: string | undefined;
  let rawHtmlEnd: RegExp | undefined;
  let position = 0;
  while (position < source.length && position <= until) {
    const newline = source.indexOf('\n', position);
    const lineEnd = newline === -1 ? source.length : newline + 1;
    const line = source.slice(position, newline === -1 ? source.length : newline);
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
      yield { line, position, inBlock: true };
    } else if (rawHtmlEnd !== undefined) {
      if (rawHtmlEnd.test(line)) rawHtmlEnd = undefined;
      yield { line, position, inBlock: true };
    } else {
      yield { line, position, inBlock: false };
      fence = fenceOpenedBy(line)?.marker;
      if (fence === undefined) rawHtmlEnd = rawHtmlOpenedBy(line);
    }
    position = lineEnd;
  }
}

// `[label]: destination "optional title"` on one line: the form reference definitions nearly always take.
const REFERENCE_DEFINITION =
  /^ {0,3}\[[^[\]\n]+\]:[ \t]*(?:<[^<>\n]*>|[^\s<][^\s]*)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\r?$/gm;

/**
 * The reference definitions of a whole source, one per line, for appending to its head: a definition may sit
 * anywhere in a document, and it renders as nothing, so links in the head resolve as they will in the whole.
 * Lines inside code blocks only look like definitions, so they are left out.
 */
export function referenceDefinitions(source: string): string {
  const candidates = [...source.matchAll(REFERENCE_DEFINITION)];
  if (candidates.length === 0) return ''; // the usual case: no walk over the lines of a long document
  const starts = new Set(candidates.map((m) => m.index));
  const definitions: string[] = [];
  for (const { line, position, inBlock } of linesOf(source, candidates.at(-1)!.index)) {
    if (!inBlock && starts.has(position)) definitions.push(line.trim());
  }
  return definitions.join('\n');
}

/** From this length on, a Markdown document shows its head first. */
export const MARKDOWN_HEAD_FROM = 64 * 1024;
/** The head: about a screen of dense prose in a wide panel, and little enough to render at once. */
const HEAD_MIN = 6 * 1024;
const HEAD_MAX = 24 * 1024;

/**
 * What to render first of a long Markdown source: its head with the whole document's reference definitions
 * appended (so the head's links resolve as they will in the whole); undefined for a short source or one with
 * no place to cut.
 */
export function markdownPreviewHead(source: string): string | undefined {
  if (source.length < MARKDOWN_HEAD_FROM) return undefined;
  const split = splitMarkdownHead(source, HEAD_MIN, HEAD_MAX);
  if (!split) return undefined;
  const definitions = referenceDefinitions(source);
  return definitions ? `${split.head}\n\n${definitions}\n` : split.head;
}
