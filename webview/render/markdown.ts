import MarkdownIt, { type Env } from 'markdown-it';
import { nextFrame } from '../dom';
import { highlightWithin } from './highlight';
import { renderMermaidBlocks } from './mermaidBlocks';
import { sanitizeHtml, type SanitizeOptions } from './sanitize';
import { taskListPlugin } from './taskLists';

// Markdown → sanitized DOM. Long documents are rendered piece by piece, so the first screen is readable
// long before the last heading of a 1 MB artifact is in the page.

type RenderEnv = Env & { mermaid: string[] };

const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
md.use(taskListPlugin);

const escape = (text: string) => md.utils.escapeHtml(text);

md.renderer.rules.fence = (tokens, index, _options, renderEnv) => {
  const token = tokens[index]!;
  const env = renderEnv as RenderEnv; // always ours: every render call passes a RenderEnv
  const language = (token.info.trim().split(/\s+/, 1)[0] ?? '').toLowerCase();
  if (language === 'mermaid') {
    // The source stays in the env, not the DOM: the block is drawn from it after sanitizing the page.
    env.mermaid.push(token.content);
    return `<div class="mermaid-block" data-mermaid="${env.mermaid.length - 1}"><pre class="mermaid-source"><code>${escape(token.content)}</code></pre></div>\n`;
  }
  const cls = language ? ` class="language-${escape(language)}"` : '';
  return `<pre class="code-block"><code${cls}>${escape(token.content)}</code></pre>\n`;
};

const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Cuts Markdown source into pieces that parse the same on their own: only before a heading, or before an
 * unindented paragraph after a blank line, and never inside a fence. Pieces are found lazily, so the first
 * screen costs ~16 KB of work whatever the document's size.
 */
export function* markdownPieces(source: string, firstBudget: number, budget: number): Generator<string> {
  let start = 0;
  let position = 0;
  let fence: string | undefined;
  let previousBlank = false;
  let limit = firstBudget;
  while (position < source.length) {
    const newline = source.indexOf('\n', position);
    const lineEnd = newline === -1 ? source.length : newline;
    const line = source.slice(position, lineEnd);
    const marker = FENCE.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence)))
      fence = fence === undefined ? marker : undefined;
    const boundary =
      fence === undefined &&
      position > start &&
      position - start >= limit &&
      (/^#{1,6}\s/.test(line) || (previousBlank && /^[^\s\-*+>|\d]/.test(line)));
    if (boundary) {
      yield source.slice(start, position);
      start = position;
      limit = budget;
    }
    previousBlank = line.trim() === '';
    position = lineEnd + 1;
  }
  if (start < source.length || source.length === 0) yield source.slice(start);
}

export interface MarkdownRender {
  /** Resolves when every piece is in the page and diagrams/highlighting were started. */
  done: Promise<void>;
}

export function renderMarkdown(
  source: string,
  container: HTMLElement,
  options: SanitizeOptions,
): MarkdownRender {
  const env: RenderEnv = { mermaid: [] };
  const pieces = markdownPieces(source, 16 * 1024, 64 * 1024);
  // Reference-style link definitions may sit anywhere; every piece gets them (they render as nothing).
  const definitions = source.length > 16 * 1024 ? (source.match(REFERENCE_DEFINITION) ?? []).join('\n') : '';
  const insert = (piece: string) => {
    const text = definitions ? `${piece}\n\n${definitions}\n` : piece;
    const fragment = sanitizeHtml(md.render(text, env), options);
    const wrapper = document.createElement('div');
    wrapper.className = 'md-slice';
    wrapper.append(fragment);
    container.append(wrapper);
    return wrapper;
  };
  const head = pieces.next();
  const first = insert(head.done ? '' : head.value);
  const done = (async () => {
    const slices = [first];
    for (const piece of pieces) {
      await nextFrame();
      if (!container.isConnected) return;
      slices.push(insert(piece));
    }
    await Promise.all(slices.map((slice) => highlightWithin(slice)));
    await renderMermaidBlocks(container, env.mermaid, options);
  })();
  return { done };
}

/** A short Markdown text (a stage's prompt or result) rendered at once. */
export function renderMarkdownInline(source: string, container: HTMLElement, options: SanitizeOptions): void {
  const env: RenderEnv = { mermaid: [] };
  container.append(sanitizeHtml(md.render(source, env), options));
  void highlightWithin(container).then(() => renderMermaidBlocks(container, env.mermaid, options));
}
