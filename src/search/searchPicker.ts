import * as vscode from 'vscode';
import { toStoreError, type SearchHit } from '../store';
import type { RecentSearches } from './recentSearches';
import type { SearchClient } from './searchClient';
import { SEARCH_RESULT_LIMIT } from './searchTiming';
import {
  hitItem,
  OPEN_JOURNEY_BUTTON,
  recentItem,
  REMOVE_RECENT_BUTTON,
  REVEAL_BUTTON,
  type SearchItem,
} from './searchItems';
import { ARTIFACT_TYPES, JOURNEY_STATUSES, STAGE_TYPES } from '../store';
import {
  describeFilters,
  filterWord,
  parseSearchText,
  removeFilterWords,
  toSearchOptions,
  type FilterKey,
} from './searchText';

const TITLE = 'Search Perpetua';

/** What a picker does with a chosen hit; the feature wires these to the editors, the tree and the webview. */
export interface SearchActions {
  openHit(hit: SearchHit): Promise<void>;
  reveal(hit: SearchHit): Promise<boolean>;
  openJourney(hit: SearchHit): Promise<void>;
  /** Makes sure the worker searches the database the host has open; false when none is open. */
  prepare(): boolean;
  log(error: unknown, context: string): string;
}

export interface PickerScope {
  journeyId: string;
  label: string;
}

interface FilterButton extends vscode.QuickInputButton {
  key: FilterKey;
}

const FILTER_CHOICES: Record<Exclude<FilterKey, 'journey'>, { title: string; values: readonly string[] }> = {
  type: { title: 'Artifact types', values: ARTIFACT_TYPES },
  stage: { title: 'Stage types', values: STAGE_TYPES },
  status: { title: 'Journey statuses', values: JOURNEY_STATUSES },
  kind: { title: 'Kinds of hit', values: ['artifact', 'stage'] },
};

/**
 * One open search box: searches as you type (each key at once, in a worker), shows the newest answer only, lists
 * recent searches when empty, and turns filter buttons into filter words in the box (so what is filtered is
 * always visible and editable).
 */
export class SearchPicker implements vscode.Disposable {
  readonly quickPick: vscode.QuickPick<SearchItem>;
  /** A short sentence about the current state ("12 results", "No results for …"); also in the title. */
  status = '';
  /** The box's text when what is shown was last brought up to date (tests wait for it). */
  settledValue: string | undefined;
  private running = 0;
  private choosingFilter = false;
  private disposed = false;
  private buttonSignature = '';
  private lastShownValue: string | undefined;
  private idleWaiters: Array<() => void> = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDidDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDidDisposeEmitter.event;

  constructor(
    private readonly client: SearchClient,
    private readonly recent: RecentSearches,
    private readonly actions: SearchActions,
    private readonly scope: PickerScope | undefined,
  ) {
    const qp = vscode.window.createQuickPick<SearchItem>();
    this.quickPick = qp;
    qp.title = TITLE;
    qp.placeholder = 'words, "a phrase", prefix*, -word · type:code stage:solving status:running';
    // Our hits come ranked from the store: VS Code must not filter them again by label, description or detail.
    qp.matchOnDescription = false;
    qp.matchOnDetail = false;
    qp.keepScrollPosition = false;
    qp.buttons = this.titleButtons();
    this.disposables.push(
      qp,
      qp.onDidChangeValue(() => this.schedule()),
      qp.onDidAccept(() => void this.accept()),
      qp.onDidTriggerItemButton((event) => void this.itemButton(event.item, event.button)),
      qp.onDidTriggerButton((button) => void this.titleButton(button)),
      qp.onDidHide(() => {
        if (!this.choosingFilter) this.dispose();
      }),
    );
  }

  /**
   * Shows the box with `value` typed in. A value that comes with show() is selected, so the first key would
   * replace it (filter words included): it is set once the box is up instead, which leaves the cursor at
   * the end. Resolves when it is there.
   */
  show(value = ''): Promise<void> {
    this.quickPick.show();
    // Workers load while the person starts typing, not after the first key.
    if (this.actions.prepare()) this.client.warm();
    this.schedule();
    if (value === '' || value === this.quickPick.value) return Promise.resolve();
    return new Promise((resolve) => {
      setTimeout(() => {
        if (!this.disposed) {
          this.quickPick.value = value;
          this.schedule();
        }
        resolve();
      }, 0);
    });
  }

  /** Resolves once no search is running for what is in the box (for tests). */
  whenIdle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Searches again for what is in the box (the database was reopened). */
  refresh(): void {
    if (!this.disposed && !this.choosingFilter) this.schedule();
  }

  get items(): readonly SearchItem[] {
    return this.quickPick.items;
  }

  private settleIfIdle(): void {
    if (this.running > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private titleButtons(): vscode.QuickInputButton[] {
    const value = this.quickPick?.value ?? '';
    const filters = parseSearchText(value).filters;
    const button = (key: FilterKey, icon: string, what: string, values: readonly string[]): FilterButton => ({
      key,
      iconPath: new vscode.ThemeIcon(icon),
      tooltip: values.length > 0 ? `${what} (now: ${values.join(', ')})` : what,
    });
    const buttons: FilterButton[] = [
      button('type', 'symbol-file', 'Filter by Artifact Type', filters.artifactTypes),
      button('stage', 'layers', 'Filter by Stage Type', filters.stageTypes),
      button('status', 'pulse', 'Filter by Journey Status', filters.journeyStatuses),
    ];
    if (this.scope) {
      const on = filters.journeyId === this.scope.journeyId;
      buttons.push({
        key: 'journey',
        iconPath: new vscode.ThemeIcon(on ? 'pinned' : 'pin'),
        tooltip: on ? `Search All Journeys (now: only "${this.scope.label}")` : `Only "${this.scope.label}"`,
      });
    }
    return buttons;
  }

  private schedule(): void {
    const buttons = this.titleButtons();
    const signature = buttons.map((b) => b.tooltip).join('|');
    if (signature !== this.buttonSignature) {
      this.buttonSignature = signature;
      this.quickPick.buttons = buttons;
    }
    if (this.quickPick.value.trim() === '') {
      this.client.cancel();
      this.showRecent();
      this.settleIfIdle();
      return;
    }
    // No debounce: the client sends each key to a free worker and lets a newer one supersede it.
    void this.run(this.quickPick.value);
  }

  private showRecent(): void {
    const recent = this.recent.list();
    this.quickPick.busy = false;
    this.quickPick.items = recent.map(recentItem);
    this.setStatus(recent.length > 0 ? 'Recent searches' : '');
  }

  private setStatus(status: string, filters?: string): void {
    this.status = status;
    this.settledValue = this.quickPick.value;
    const parts = [TITLE, ...(filters ? [filters] : []), ...(status ? [status] : [])];
    this.quickPick.title = parts.join(' — ');
  }

  private async run(value: string): Promise<void> {
    const parsed = parseSearchText(value);
    const filters = describeFilters(parsed.filters);
    if (parsed.problems.length > 0) {
      this.client.cancel();
      this.quickPick.items = [];
      this.quickPick.busy = false;
      this.setStatus(parsed.problems.join(' '), filters);
      this.settleIfIdle();
      return;
    }
    if (!this.actions.prepare()) {
      this.quickPick.items = [];
      this.setStatus('The Perpetua database is not open; see the Perpetua view.');
      this.settleIfIdle();
      return;
    }
    this.running++;
    this.quickPick.busy = true;
    try {
      const outcome = await this.client.search(
        parsed.query,
        toSearchOptions(parsed.filters, SEARCH_RESULT_LIMIT),
      );
      // A newer keystroke superseded this one: its own run shows its results (never these, late).
      if (outcome.status === 'superseded' || this.quickPick.value !== value) return;
      const { result } = outcome;
      this.quickPick.items = result.hits.map(hitItem);
      this.lastShownValue = value;
      if (result.expression === undefined) {
        this.setStatus('Type a word to search: punctuation and filters alone find nothing.', filters);
      } else if (result.hits.length === 0) {
        this.setStatus(`No results for "${parsed.query.replace(/\*$/, '')}"`, filters);
      } else {
        const count = `${result.hits.length}${result.hits.length === SEARCH_RESULT_LIMIT ? '+' : ''} result${result.hits.length === 1 ? '' : 's'}`;
        this.setStatus(
          `${count}${result.truncated ? ' (query shortened)' : ''}${result.approximate ? ' (newest matches ranked)' : ''}`,
          filters,
        );
      }
    } catch (error) {
      if (this.quickPick.value === value) {
        this.quickPick.items = [];
        this.setStatus(this.actions.log(toStoreError(error), 'searching'));
      }
    } finally {
      this.running--;
      if (this.running === 0) this.quickPick.busy = false;
      this.settleIfIdle();
    }
  }

  private async accept(): Promise<void> {
    const item = this.quickPick.selectedItems[0] ?? this.quickPick.activeItems[0];
    if (!item) return;
    if (item.type === 'recent') {
      this.quickPick.value = item.text;
      this.schedule();
      return;
    }
    await this.remember();
    this.quickPick.hide();
    await this.actions.openHit(item.hit);
  }

  private async itemButton(item: SearchItem, button: vscode.QuickInputButton): Promise<void> {
    if (item.type === 'recent') {
      if (button === REMOVE_RECENT_BUTTON) {
        await this.recent.remove(item.text);
        this.showRecent();
      }
      return;
    }
    await this.remember();
    this.quickPick.hide();
    if (button === REVEAL_BUTTON) await this.actions.reveal(item.hit);
    else if (button === OPEN_JOURNEY_BUTTON) await this.actions.openJourney(item.hit);
  }

  private async remember(): Promise<void> {
    if (this.lastShownValue !== undefined) await this.recent.add(this.lastShownValue);
  }

  private async titleButton(button: vscode.QuickInputButton): Promise<void> {
    const key = (button as FilterButton).key;
    if (key === 'journey') {
      const filters = parseSearchText(this.quickPick.value).filters;
      const without = removeFilterWords(this.quickPick.value, 'journey');
      this.quickPick.value =
        filters.journeyId === this.scope?.journeyId
          ? without
          : `${filterWord('journey', this.scope!.journeyId)} ${without}`.trimEnd() + ' ';
      this.schedule();
      return;
    }
    if (key) await this.chooseFilter(key);
  }

  /** A second picker for one kind of filter; the choice becomes a filter word in the search box. */
  private async chooseFilter(key: Exclude<FilterKey, 'journey'>): Promise<void> {
    const { title, values } = FILTER_CHOICES[key];
    const value = this.quickPick.value;
    const current = parseSearchText(value).filters;
    const chosenNow: readonly string[] =
      key === 'type'
        ? current.artifactTypes
        : key === 'stage'
          ? current.stageTypes
          : key === 'status'
            ? current.journeyStatuses
            : current.kinds;
    this.choosingFilter = true;
    let picked: readonly vscode.QuickPickItem[] | undefined;
    try {
      picked = await vscode.window.showQuickPick(
        values.map((v) => ({ label: v, picked: chosenNow.includes(v) })),
        { title: `${TITLE}: ${title}`, canPickMany: true, placeHolder: 'Choose none to remove the filter' },
      );
    } finally {
      this.choosingFilter = false;
    }
    const without = removeFilterWords(value, key);
    const word = picked && picked.length > 0 ? filterWord(key, picked.map((p) => p.label).join(',')) : '';
    this.quickPick.value = '';
    await this.show(
      picked === undefined ? value : `${word} ${without}`.trim() + (without || word ? ' ' : ''),
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.client.cancel();
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.settleIfIdle();
    this.onDidDisposeEmitter.fire();
    this.onDidDisposeEmitter.dispose();
  }
}
