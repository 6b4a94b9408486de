import MarkdownIt, { type Env } from 'markdown-it';
import { nextFrame } from '../dom';
import { highlightWithin } from './highlight';
import { markdownPreviewHead } from '../../src/protocol/markdownHead';
import { renderMermaidBlocks } from './mermaidBlocks';
import { sanitizeHtml, type SanitizeOptions } from './sanitize';
import { tableAlignmentPlugin } from './tableAlignment';
import { taskListPlugin } from './taskLists';

// Markdown → sanitized DOM, with task lists, code blocks left for highlight.js and Mermaid diagrams drawn from
// their source after sanitizing.

type RenderEnv = Env & { mermaid: string[] };

const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
md.use(taskListPlugin);
md.use(tableAlignmentPlugin);

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

function newEnv(): RenderEnv {
  return { mermaid: [] };
}

/** Highlighting and diagrams, which need the final DOM; resolves when both are done. */
async function decorate(container: HTMLElement, env: RenderEnv, options: SanitizeOptions): Promise<void> {
  await highlightWithin(container);
  await renderMermaidBlocks(container, env.mermaid, options);
}

/** Renders `source` into `container` in one go; resolves when highlighting and diagrams are done. */
function renderAtOnce(source: string, container: HTMLElement, options: SanitizeOptions): Promise<void> {
  const env = newEnv();
  container.append(sanitizeHtml(md.render(source, env), options));
  return decorate(container, env, options);
}

/** Replaces a preview with the whole document, keeping which `<details>` the reader opened or closed. */
function replacePreview(container: HTMLElement, whole: DocumentFragment): void {
  const folds = [...container.querySelectorAll('details')].map((details) => details.open);
  container.replaceChildren(whole);
  // The preview is the whole document's start, so its n-th <details> is the whole one's n-th.
  container.querySelectorAll('details').forEach((details, index) => {
    const open = folds[index];
    if (open !== undefined) details.open = open;
  });
}

export interface MarkdownRender {
  /** Resolves when the whole document is in the page and highlighting and diagrams are done. */
  done: Promise<void>;
}

/**
 * Markdown → sanitized DOM. A long document first shows its head (cut between top-level blocks, so it renders
 * as it will in the whole, and sanitized like everything else); the whole document is then rendered in one go,
 * as a short one is, in later tasks, and replaces the head in a single step. The head is the whole one's
 * start, laid out the same, so the scroll position holds.
 */
export function renderMarkdown(
  source: string,
  container: HTMLElement,
  options: SanitizeOptions,
  isWanted: () => boolean = () => true,
): MarkdownRender {
  const head = markdownPreviewHead(source);
  if (head === undefined) return { done: renderAtOnce(source, container, options) };
  container.append(sanitizeHtml(md.render(head, newEnv()), options));
  return { done: replaceMarkdown(source, container, options, isWanted) };
}

/**
 * Renders the whole of `source` over the following frames and puts it in place of what `container` shows
 * (its head, or an older version of the document) in one step, keeping opened `<details>`. Stops, leaving
 * the container as it is, once `isWanted()` is false (a newer render took over). It finishes even if the
 * container left the page meanwhile: the journey page keeps rendered bodies and may show this one again, and
 * it must not come back as a head.
 */
export async function replaceMarkdown(
  source: string,
  container: HTMLElement,
  options: SanitizeOptions,
  isWanted: () => boolean = () => true,
): Promise<void> {
  await nextFrame(); // what the container shows is on screen before the long work starts
  if (!isWanted()) return;
  const env = newEnv();
  const html = md.render(source, env);
  await nextFrame(); // a frame (scrolling the head, say) between the two long steps
  if (!isWanted()) return;
  replacePreview(container, sanitizeHtml(html, options));
  await decorate(container, env, options);
}

/** A short Markdown text (a stage's prompt or result) rendered at once. */
export function renderMarkdownInline(source: string, container: HTMLElement, options: SanitizeOptions): void {
  void renderAtOnce(source, container, options);
}
