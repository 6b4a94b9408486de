import * as vscode from 'vscode';

const PREVIEW_CHARS = 600;

/** Text from the database shown as literal text inside a markdown tooltip (no links, no HTML). */
export function literal(text: string, max = PREVIEW_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return new vscode.MarkdownString().appendText(cut).value;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
