import type { Command } from '../command';
import { checkCommand } from './check';
import { demoCommand } from './demo';
import { deleteCommand, setStatusCommand } from './edit';
import { exportCommand } from './export';
import { importCommand } from './import';
import { journeysCommand } from './journeys';
import { migrateCommand } from './migrate';
import { searchCommand } from './search';
import { showCommand } from './show';
import { statusCommand } from './status';

/** Every command, in the order `perpetua help` lists them. */
export const COMMANDS: readonly Command[] = [
  statusCommand,
  journeysCommand,
  showCommand,
  searchCommand,
  importCommand,
  exportCommand,
  setStatusCommand,
  deleteCommand,
  checkCommand,
  migrateCommand,
  demoCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
