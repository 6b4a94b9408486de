import type { MarkdownIt, StateCore } from 'markdown-it';

// GitHub-style task lists: a list item whose text starts with "[ ] " or "[x] " gets a check mark instead.
// The mark is a codicon span with a label (not an <input>), so the sanitizer can forbid form controls.

const MARKER = /^\[([ xX])\][ \u00a0]/;

function taskLists(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i];
    const paragraph = tokens[i - 1];
    const item = tokens[i - 2];
    if (inline?.type !== 'inline' || paragraph?.type !== 'paragraph_open' || item?.type !== 'list_item_open')
      continue;
    const match = MARKER.exec(inline.content);
    const first = inline.children?.[0];
    if (!match || first?.type !== 'text') continue;
    const done = match[1] !== ' ';
    first.content = first.content.replace(MARKER, '');
    inline.content = inline.content.replace(MARKER, '');
    const box = new state.Token('html_inline', '', 0);
    box.content = `<span class="task-box codicon codicon-${done ? 'pass-filled' : 'circle-large-outline'}" role="img" aria-label="${done ? 'Done' : 'Not done'}"></span> `;
    inline.children?.unshift(box);
    item.attrJoin('class', `task-list-item${done ? ' done' : ''}`);
    // Mark the enclosing list, so its bullets can be hidden.
    for (let j = i - 3; j >= 0; j--) {
      const t = tokens[j];
      if (
        t &&
        (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') &&
        t.level === item.level - 1
      ) {
        t.attrJoin('class', 'task-list');
        break;
      }
    }
  }
}

export function taskListPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'task_lists', taskLists);
}
