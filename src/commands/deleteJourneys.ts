import * as vscode from 'vscode';
import type { Store } from '../store';
import { plural } from '../tree/markdownText';
import { registerCommand, type CommandDeps } from './commandRunner';
import { journeyTargets } from './commandTargets';

/** The modal's question, naming what goes with the journeys. */
export function deletionQuestion(store: Store, ids: readonly string[]): string {
  let stages = 0;
  let artifacts = 0;
  for (const id of ids) {
    const impact = store.journeys.deletionImpact(id);
    stages += impact.stages;
    artifacts += impact.artifacts;
  }
  const what =
    ids.length === 1
      ? `the journey "${store.journeys.findById(ids[0]!)?.input.split('\n', 1)[0] ?? ids[0]}"`
      : plural(ids.length, 'journey');
  return `Delete ${what} with ${plural(stages, 'stage')} and ${plural(artifacts, 'artifact')}? This cannot be undone.`;
}

/** Deletes one or many journeys after a modal confirmation; tests pass `true` as the third argument instead. */
export class DeleteJourneys {
  static register(deps: CommandDeps): vscode.Disposable {
    return registerCommand('perpetua.deleteJourney', deps.log, (clicked, selection, confirmed) =>
      DeleteJourneys.run(deps, journeyTargets(deps.view, clicked, selection), confirmed === true),
    );
  }

  private static async run(deps: CommandDeps, ids: string[], confirmed: boolean): Promise<number> {
    if (ids.length === 0) return 0;
    const store = deps.host.require();
    if (!confirmed) {
      const choice = await vscode.window.showWarningMessage(
        deletionQuestion(store, ids),
        { modal: true },
        'Delete',
      );
      if (choice !== 'Delete') return 0;
    }
    const deleted = deps.host.write((s) =>
      s.transaction(() => ids.filter((id) => s.journeys.delete(id)).length),
    );
    deps.log.info(`Deleted ${plural(deleted, 'journey')}.`);
    return deleted;
  }
}
