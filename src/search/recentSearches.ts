import type * as vscode from 'vscode';

const KEY = 'perpetua.recentSearches';
export const MAX_RECENT_SEARCHES = 10;

/** The last searches that led somewhere, newest first, kept across sessions in globalState. */
export class RecentSearches {
  constructor(private readonly state: vscode.Memento) {}

  list(): string[] {
    const stored = this.state.get<unknown>(KEY);
    return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : [];
  }

  async add(text: string): Promise<void> {
    const trimmed = text.trim();
    if (trimmed === '') return;
    const next = [trimmed, ...this.list().filter((s) => s !== trimmed)].slice(0, MAX_RECENT_SEARCHES);
    await this.state.update(KEY, next);
  }

  async remove(text: string): Promise<void> {
    await this.state.update(
      KEY,
      this.list().filter((s) => s !== text),
    );
  }

  async clear(): Promise<void> {
    await this.state.update(KEY, []);
  }
}
