import * as vscode from 'vscode';
import { JOURNEY_STATUSES, type JourneyStatus, type Store } from '../store';
import type { StoreHost } from '../host/storeHost';
import { ArtifactNode } from './artifactNode';
import { JourneyNode } from './journeyNode';
import { LoadMoreNode } from './loadMoreNode';
import { MessageNode } from './messageNode';
import { StageNode } from './stageNode';
import { StatusGroupNode } from './statusGroupNode';
import type { TreeOptions } from './treeOptions';
import type { JourneyListParent, TreeNode } from './treeNode';

export const PAGE_SIZE = 50;
/** How far `findJourneyNode` pages before giving up (reveal of a very old journey in a huge store). */
const MAX_REVEAL_PAGES = 200;

/**
 * Journeys → stages → artifacts, read from the store page by page. Node objects are kept per id so that
 * `reveal` and VS Code's expansion state see the same element across refreshes.
 */
export class JourneyTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly rootEmitter = new vscode.EventEmitter<Store | undefined>();
  /** Fires after the root was read, with the store it was read from (for the badge and contexts). */
  readonly onDidLoadRoot = this.rootEmitter.event;

  private readonly pagesShown = new Map<string, number>();
  private readonly journeyNodes = new Map<string, JourneyNode>();
  private readonly stageNodes = new Map<string, StageNode>();
  private readonly artifactNodes = new Map<string, ArtifactNode>();
  private readonly groupNodes = new Map<JourneyStatus, StatusGroupNode>();

  constructor(
    private readonly host: StoreHost,
    private readonly options: TreeOptions,
  ) {}

  refresh(node?: TreeNode): void {
    this.changeEmitter.fire(node);
  }

  /** Forgets pages and nodes, e.g. when another database was opened. */
  reset(): void {
    this.pagesShown.clear();
    this.journeyNodes.clear();
    this.stageNodes.clear();
    this.artifactNodes.clear();
    this.groupNodes.clear();
    this.refresh();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const store = this.host.current();
    if (!store) {
      if (!node) this.rootEmitter.fire(undefined);
      return node ? [] : this.errorNodes();
    }
    if (!node) {
      const children = this.rootChildren(store);
      this.rootEmitter.fire(store);
      return children;
    }
    switch (node.kind) {
      case 'group':
        return this.journeyList(store, node);
      case 'journey':
        return this.stagesOf(store, node);
      case 'stage':
        return this.artifactsOf(store, node);
      default:
        return [];
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const store = this.host.current();
    if (store && (node.kind === 'journey' || node.kind === 'stage' || node.kind === 'artifact')) {
      item.tooltip = node.tooltip(store);
    }
    return item;
  }

  /** Shows one more page of journeys under the node's parent. */
  loadMore(node: LoadMoreNode): void {
    const key = groupKey(node.parent);
    this.pagesShown.set(key, (this.pagesShown.get(key) ?? 1) + 1);
    this.refresh(node.parent);
  }

  /** The journey's node as the tree shows it, loading pages until it appears; undefined when it is not shown. */
  findJourneyNode(id: string): JourneyNode | undefined {
    const store = this.host.current();
    const summary = store?.journeys.findSummaryById(id);
    if (!store || !summary || !this.options.shows(summary.status)) return undefined;
    const parent = this.options.grouped ? this.groupNode(summary.status, 0) : undefined;
    const key = groupKey(parent);
    for (let page = 0; page < MAX_REVEAL_PAGES; page++) {
      const list = this.journeyList(store, parent);
      const found = list.find((n): n is JourneyNode => n.kind === 'journey' && n.id === id);
      if (found) return found;
      if (!list.some((n) => n.kind === 'loadMore')) return undefined;
      this.pagesShown.set(key, (this.pagesShown.get(key) ?? 1) + 1);
    }
    return undefined;
  }

  findStageNode(id: string): StageNode | undefined {
    const store = this.host.current();
    const stage = store?.stages.findById(id);
    const journey = stage && this.findJourneyNode(stage.journeyId);
    if (!store || !journey) return undefined;
    return this.stagesOf(store, journey).find((n) => n.id === id);
  }

  findArtifactNode(id: string): ArtifactNode | undefined {
    const store = this.host.current();
    const location = store?.artifacts.locate(id);
    const stage = location && this.findStageNode(location.stageId);
    if (!store || !stage) return undefined;
    return this.artifactsOf(store, stage).find((n) => n.id === id);
  }

  private rootChildren(store: Store): TreeNode[] {
    if (store.journeys.count() === 0) return []; // the welcome view takes over
    if (!this.options.grouped) {
      const list = this.journeyList(store, undefined);
      return list.length > 0 ? list : this.noMatchNodes();
    }
    const counts = store.journeys.countByStatusMap();
    const groups = JOURNEY_STATUSES.filter((s) => this.options.shows(s) && counts[s] > 0).map((s) =>
      this.groupNode(s, counts[s]),
    );
    return groups.length > 0 ? groups : this.noMatchNodes();
  }

  private journeyList(store: Store, parent: JourneyListParent): TreeNode[] {
    const status = parent ? parent.status : this.options.statuses;
    const pages = this.pagesShown.get(groupKey(parent)) ?? 1;
    const nodes: TreeNode[] = [];
    let after: string | undefined;
    for (let page = 0; page < pages; page++) {
      const result = store.journeys.findAll({ status, limit: PAGE_SIZE, after });
      for (const summary of result.items) nodes.push(this.journeyNode(summary, parent));
      after = result.nextCursor;
      if (!after) break;
    }
    if (after) {
      const counts = store.journeys.countByStatusMap();
      const total = JOURNEY_STATUSES.filter((s) => (status === undefined ? true : status.includes(s))).reduce(
        (sum, s) => sum + counts[s],
        0,
      );
      nodes.push(new LoadMoreNode(parent, nodes.length, total));
    }
    return nodes;
  }

  private journeyNode(summary: JourneyNode['journey'], parent: JourneyListParent): JourneyNode {
    let node = this.journeyNodes.get(summary.id);
    if (node) {
      node.journey = summary;
      node.parent = parent;
    } else {
      node = new JourneyNode(summary, parent);
      this.journeyNodes.set(summary.id, node);
    }
    return node;
  }

  private groupNode(status: JourneyStatus, count: number): StatusGroupNode {
    let node = this.groupNodes.get(status);
    if (!node) {
      node = new StatusGroupNode(status, count);
      this.groupNodes.set(status, node);
    }
    if (count > 0) node.count = count;
    return node;
  }

  private stagesOf(store: Store, journey: JourneyNode): StageNode[] {
    return store.stages.listSummaries(journey.id).map((summary, index) => {
      let node = this.stageNodes.get(summary.id);
      if (node) {
        node.stage = summary;
        node.position = index + 1;
        node.parent = journey;
      } else {
        node = new StageNode(summary, index + 1, journey);
        this.stageNodes.set(summary.id, node);
      }
      return node;
    });
  }

  private artifactsOf(store: Store, stage: StageNode): ArtifactNode[] {
    return store.artifacts.listSummaries(stage.id).map((summary) => {
      let node = this.artifactNodes.get(summary.id);
      if (node) {
        node.artifact = summary;
        node.parent = stage;
      } else {
        node = new ArtifactNode(summary, stage);
        this.artifactNodes.set(summary.id, node);
      }
      return node;
    });
  }

  private noMatchNodes(): MessageNode[] {
    return [
      new MessageNode('noMatch', 'No journeys match the status filter', { icon: 'filter' }),
      new MessageNode('clearFilter', 'Show all journeys', {
        icon: 'clear-all',
        command: { command: 'perpetua.clearFilter', title: 'Show All Journeys' },
      }),
    ];
  }

  private errorNodes(): MessageNode[] {
    const state = this.host.state;
    if (state.kind !== 'error') return [];
    const nodes = [
      new MessageNode('error', 'Cannot open the database', {
        icon: 'error',
        description: state.error.code,
        tooltip: `${state.error.message}\n\n${state.path}`,
      }),
      new MessageNode('openAnother', 'Open another database…', {
        icon: 'folder-opened',
        command: { command: 'perpetua.openDatabase', title: 'Open Database…' },
      }),
      new MessageNode('showDetails', 'Show details in the output', {
        icon: 'output',
        command: { command: 'perpetua.showLog', title: 'Show Log' },
      }),
    ];
    if (vscode.workspace.getConfiguration('perpetua').get<string>('databasePath')?.trim()) {
      nodes.push(
        new MessageNode('useDefault', 'Use the default database', {
          icon: 'home',
          command: { command: 'perpetua.useDefaultDatabase', title: 'Use the Default Database' },
        }),
      );
    }
    return nodes;
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.rootEmitter.dispose();
  }
}

function groupKey(parent: JourneyListParent): string {
  return parent ? parent.status : 'all';
}
