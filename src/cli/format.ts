import type { Snippet } from '../store';

// Plain-text formatting for the terminal: one-line truncation, dates, sizes, aligned tables, highlights.

/** Length in code points, so an emoji or accented letter counts once. */
function width(text: string): number {
  return Array.from(text).length;
}

/** Collapses whitespace to single spaces and cuts to `max` code points, ending with "…" when cut. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (width(flat) <= max) return flat;
  if (max <= 1) return '…';
  return (
    [...flat]
      .slice(0, max - 1)
      .join('')
      .trimEnd() + '…'
  );
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Local date and time to the minute, sortable: 2025-03-03 09:41. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function plural(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
}

export function styles(color: boolean): Styles {
  const wrap = (open: string, close: string) => (text: string) =>
    color && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: wrap('1', '22'), dim: wrap('2', '22') };
}

/** Marks the matched ranges: ANSI bold on a terminal, [brackets] otherwise. */
export function highlight(snippet: Snippet, color: boolean): string {
  const { text, highlights } = snippet;
  const open = color ? '\u001b[1m' : '[';
  const close = color ? '\u001b[22m' : ']';
  let out = '';
  let at = 0;
  for (const [start, end] of [...highlights].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out += text.slice(at, start) + open + text.slice(start, end) + close;
    at = end;
  }
  return out + text.slice(at);
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** The one column that gives up space when the table is wider than the terminal. */
  flexible?: boolean;
}

/**
 * Aligns rows under their headers with two spaces between columns. The flexible column is cut with "…" so
 * each line fits in `maxWidth`; it is not padded when it is the last column.
 */
export function table(
  columns: readonly Column[],
  rows: readonly string[][],
  maxWidth: number,
  s: Styles,
): string[] {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const flex = columns.findIndex((c) => c.flexible);
  if (flex >= 0) {
    const others = widths.reduce((sum, w, i) => (i === flex ? sum : sum + w + 2), 0);
    widths[flex] = Math.max(width(columns[flex]!.header), Math.min(widths[flex]!, maxWidth - others));
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const w = widths[i]!;
        const text = i === flex ? oneLine(cell, w) : cell;
        const padding = ' '.repeat(Math.max(0, w - width(text)));
        if (columns[i]!.align === 'right') return padding + text;
        return i === cells.length - 1 ? text : text + padding;
      })
      .join('  ')
      .trimEnd();
  return [s.bold(line(columns.map((c) => c.header))), ...rows.map(line)];
}
