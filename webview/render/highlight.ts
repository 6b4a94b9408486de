import type { HLJSApi } from 'highlight.js';
import { nextTask } from '../dom';
import { sanitizeHighlighted } from './sanitize';

// highlight.js (the "common" set of ~35 languages) is a lazy chunk: pages without code never load it.

let loading: Promise<HLJSApi> | undefined;

export function loadHighlighter(): Promise<HLJSApi> {
  loading ??= import('highlight.js/lib/common').then((m) => m.default);
  return loading;
}

const ALIASES: Record<string, string> = {
  ts: 'typescript',
  js: 'javascript',
  py: 'python',
  rs: 'rust',
  sh: 'bash',
  yml: 'yaml',
};
const AUTO_LIMIT = 20_000;

/** A language name highlight.js knows, from a hint such as `metadata.language` or a file name. */
export function languageFromHint(hljs: HLJSApi, hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  const lower = hint.toLowerCase();
  const candidates = [lower, ALIASES[lower], lower.split('.').pop(), ALIASES[lower.split('.').pop() ?? '']];
  return candidates.find((c): c is string => c !== undefined && hljs.getLanguage(c) !== undefined);
}

/** Highlights one `<code>` element in place; returns the language used. */
export function highlightElement(hljs: HLJSApi, code: HTMLElement, hint?: string): string | undefined {
  const text = code.textContent ?? '';
  const fromClass = /\blanguage-([\w#+-]+)/.exec(code.className)?.[1];
  const language = languageFromHint(hljs, hint) ?? languageFromHint(hljs, fromClass);
  let markup: string | undefined;
  let used = language;
  if (language) {
    markup = hljs.highlight(text, { language, ignoreIllegals: true }).value;
  } else if (text.length <= AUTO_LIMIT) {
    const result = hljs.highlightAuto(text);
    markup = result.value;
    used = result.language;
  }
  if (markup !== undefined) code.replaceChildren(sanitizeHighlighted(markup));
  code.classList.add('hljs');
  if (used) code.dataset.language = used;
  return used;
}

/** Highlights every code block under `root` that is not highlighted yet (and not a diagram's source). */
export async function highlightWithin(root: HTMLElement): Promise<void> {
  const blocks = [...root.querySelectorAll<HTMLElement>('pre.code-block > code:not(.hljs)')];
  if (blocks.length === 0) return;
  const hljs = await loadHighlighter();
  let budget = 0;
  for (const code of blocks) {
    highlightElement(hljs, code);
    budget += code.textContent?.length ?? 0;
    if (budget > 50_000) {
      budget = 0;
      await nextTask();
    }
  }
}
