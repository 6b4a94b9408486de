import type { MarkdownIt, StateCore } from 'markdown-it';

// markdown-it aligns table columns (`|--:|`) with a `style="text-align:…"` attribute, which the sanitizer
// removes (the CSP allows no inline styles), so the alignment was lost. A class does the same through our
// stylesheet.

const ALIGNMENT = /^text-align:(left|center|right)$/;

function alignWithClasses(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const style = token.attrGet('style');
    const match = typeof style === 'string' ? ALIGNMENT.exec(style) : null;
    if (!match) continue;
    token.attrs = token.attrs?.filter(([name]) => name !== 'style') ?? null;
    token.attrJoin('class', `align-${match[1]}`);
  }
}

export function tableAlignmentPlugin(md: MarkdownIt): void {
  md.core.ruler.push('perpetua_table_alignment', alignWithClasses);
}
