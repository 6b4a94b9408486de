import * as vscode from 'vscode';
import { allowedJourneyActions, statusAfter, type JourneyAction } from '../protocol';
import type { StoreHost } from '../host/storeHost';

/**
 * Runs pause/resume/stop/complete for one journey. The tree's commands own these transitions (with their
 * messages and logging), so they are used when registered; otherwise the store is written directly.
 */
export async function runJourneyAction(
  host: StoreHost,
  journeyId: string,
  action: JourneyAction,
): Promise<void> {
  const command = `perpetua.${action}Journey`;
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(command)) {
    await vscode.commands.executeCommand(command, journeyId);
    return;
  }
  host.write((store) =>
    store.transaction(() => {
      const journey = store.journeys.getById(journeyId);
      if (!allowedJourneyActions(journey.status).includes(action)) return;
      store.journeys.update(journeyId, { status: statusAfter(action) });
    }),
  );
}
