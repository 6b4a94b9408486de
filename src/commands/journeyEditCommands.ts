import * as vscode from 'vscode';
import type { Journey } from '../store';
import { registerCommand, type CommandDeps } from './commandRunner';
import { journeyTargets } from './commandTargets';

function validateInput(value: string): string | undefined {
  return value.trim() ? undefined : 'Type what the journey should research.';
}

/** New Journey and Rename: the journey's input is its name. Tests pass the text instead of typing it. */
export class JourneyEditCommands {
  static register(deps: CommandDeps): vscode.Disposable {
    return vscode.Disposable.from(
      registerCommand('perpetua.newJourney', deps.log, (input) => JourneyEditCommands.create(deps, input)),
      registerCommand('perpetua.renameJourney', deps.log, (clicked, selectionOrInput, input) =>
        JourneyEditCommands.rename(
          deps,
          journeyTargets(
            deps.view,
            clicked,
            Array.isArray(selectionOrInput) ? selectionOrInput : undefined,
          )[0],
          typeof selectionOrInput === 'string' ? selectionOrInput : input,
        ),
      ),
    );
  }

  private static async create(deps: CommandDeps, given: unknown): Promise<Journey | undefined> {
    const input =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: 'New Journey',
            prompt: 'What should Perpetua research?',
            placeHolder: 'e.g. Why do retries make our sync slower?',
            validateInput,
          });
    if (input === undefined || validateInput(input)) return undefined;
    const journey = deps.host.write((store) => store.journeys.create({ input: input.trim() }));
    deps.log.info(`Created journey ${journey.id}.`);
    await deps.view.reveal('journey', journey.id);
    return journey;
  }

  private static async rename(
    deps: CommandDeps,
    id: string | undefined,
    given: unknown,
  ): Promise<Journey | undefined> {
    if (!id) return undefined;
    const current = deps.host.require().journeys.getById(id);
    const input =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: 'Rename Journey',
            prompt: "Edit the journey's input",
            value: current.input,
            validateInput,
          });
    if (input === undefined || validateInput(input) || input.trim() === current.input) return undefined;
    return deps.host.write((store) => store.journeys.update(id, { input: input.trim() }));
  }
}
