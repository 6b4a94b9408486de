import * as vscode from 'vscode';
import type { JourneyStatus } from '../store';
import { registerCommand, type CommandDeps } from './commandRunner';
import { journeyTargets } from './commandTargets';
import { canApply, TRANSITIONS, type JourneyAction } from './journeyTransitions';

const COMMANDS: Record<JourneyAction, string> = {
  pause: 'perpetua.pauseJourney',
  resume: 'perpetua.resumeJourney',
  stop: 'perpetua.stopJourney',
  complete: 'perpetua.completeJourney',
};

/** Pause, resume, stop and mark complete: one or many journeys, each only from a status where it applies. */
export class JourneyStatusCommands {
  static register(deps: CommandDeps): vscode.Disposable {
    return vscode.Disposable.from(
      ...(Object.keys(COMMANDS) as JourneyAction[]).map((action) =>
        registerCommand(COMMANDS[action], deps.log, (clicked, selection) =>
          JourneyStatusCommands.apply(deps, action, journeyTargets(deps.view, clicked, selection)),
        ),
      ),
    );
  }

  /** Returns the ids that changed; journeys whose status no longer allows the action are left alone. */
  private static apply(deps: CommandDeps, action: JourneyAction, ids: string[]): string[] {
    const to: JourneyStatus = TRANSITIONS[action].to;
    const changed = deps.host.write((store) =>
      store.transaction(() =>
        ids.filter((id) => {
          const journey = store.journeys.findById(id);
          if (!journey || !canApply(action, journey.status)) return false;
          store.journeys.update(id, { status: to });
          return true;
        }),
      ),
    );
    if (changed.length < ids.length) {
      void vscode.window.showInformationMessage(
        `${ids.length - changed.length} of ${ids.length} journeys could not be set to ${to}: they were deleted or their status changed.`,
      );
    }
    deps.log.info(`Set ${changed.length} journey(s) to ${to}.`);
    return changed;
  }
}
