import * as vscode from 'vscode';
import type { CommandDeps } from './commandRunner';
import { DatabaseCommands } from './databaseCommands';
import { DeleteJourneys } from './deleteJourneys';
import { ExportJourneys } from './exportJourneys';
import { JourneyEditCommands } from './journeyEditCommands';
import { JourneyStatusCommands } from './journeyStatusCommands';
import { TransferCommands } from './transferCommands';
import { ViewCommands } from './viewCommands';

export type { CommandDeps } from './commandRunner';

/** Every command of the extension; each id is declared once, in package.json. */
export class Commands {
  static register(deps: CommandDeps): vscode.Disposable {
    return vscode.Disposable.from(
      JourneyStatusCommands.register(deps),
      JourneyEditCommands.register(deps),
      DeleteJourneys.register(deps),
      ExportJourneys.register(deps),
      TransferCommands.register(deps),
      DatabaseCommands.register(deps),
      ViewCommands.register(deps),
    );
  }
}
