import * as vscode from 'vscode';
import { isJourneyStatus, JOURNEY_STATUSES, type JourneyStatus } from '../store';
import { LOAD_MORE_COMMAND, LoadMoreNode } from '../tree/loadMoreNode';
import type { RevealKind } from '../tree/journeyTreeView';
import { registerCommand, type CommandDeps } from './commandRunner';
import { nodeTarget } from './commandTargets';

/** How the tree shows journeys: the status filter, grouping, paging, reveal, and copying an id. */
export class ViewCommands {
  static register(deps: CommandDeps): vscode.Disposable {
    const { view, log } = deps;
    return vscode.Disposable.from(
      registerCommand('perpetua.filterByStatus', log, (statuses) => ViewCommands.filter(deps, statuses)),
      registerCommand('perpetua.clearFilter', log, () => view.options.setStatuses(undefined)),
      registerCommand('perpetua.groupByStatus', log, () => view.options.setGrouped(true)),
      registerCommand('perpetua.ungroupJourneys', log, () => view.options.setGrouped(false)),
      registerCommand(LOAD_MORE_COMMAND, log, (node) => {
        if (node instanceof LoadMoreNode) view.provider.loadMore(node);
      }),
      registerCommand('perpetua.revealInTree', log, (kind, id) =>
        isRevealKind(kind) && typeof id === 'string' ? view.reveal(kind, id, true) : false,
      ),
      registerCommand('perpetua.copyId', log, async (clicked) => {
        const node = nodeTarget(view, clicked);
        const id = node && node.kind !== 'message' && node.kind !== 'loadMore' ? String(node.id) : undefined;
        if (!id) return undefined;
        await vscode.env.clipboard.writeText(id);
        vscode.window.setStatusBarMessage(`Copied ${id}`, 3000);
        return id;
      }),
    );
  }

  /** Tests pass the statuses; people pick them. An empty or full choice shows everything. */
  private static async filter(
    deps: CommandDeps,
    given: unknown,
  ): Promise<readonly JourneyStatus[] | undefined> {
    let statuses: JourneyStatus[] | undefined;
    if (Array.isArray(given)) {
      statuses = given.filter(isJourneyStatus);
    } else {
      const shown = deps.view.options.statuses;
      const picked = await vscode.window.showQuickPick(
        JOURNEY_STATUSES.map((status) => ({
          label: status,
          picked: shown === undefined || shown.includes(status),
        })),
        { title: 'Show journeys with these statuses', canPickMany: true },
      );
      if (!picked) return deps.view.options.statuses;
      statuses = picked.map((p) => p.label);
    }
    await deps.view.options.setStatuses(statuses);
    return deps.view.options.statuses;
  }
}

function isRevealKind(value: unknown): value is RevealKind {
  return value === 'journey' || value === 'stage' || value === 'artifact';
}
