import type { Command } from './command';

// The text of `perpetua help` and `perpetua help COMMAND`.

export const DB_ENV = 'PERPETUA_DB';
export const DEFAULT_DB = './perpetua.db';

export function generalHelp(commands: readonly Command[], version: string): string[] {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `perpetua ${version}: read and maintain a Perpetua journeys database from the terminal.`,
    '',
    'Usage: perpetua [--db FILE] [--json] <command> [arguments]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  Show this help, or a command's: perpetua help search`,
    '',
    'Options:',
    `  --db FILE    The database (default: $${DB_ENV}, else ${DEFAULT_DB}).`,
    '  --json       Machine-readable output.',
    '  -h, --help   Help.',
    '  --version    Print the version.',
    '',
    'Exit status: 0 success, 1 failure (not found, failed check, database error), 2 usage error.',
  ];
}

export function commandHelp(command: Command): string[] {
  const usage = `Usage: perpetua [--db FILE] [--json] ${command.name}${command.usage ? ` ${command.usage}` : ''}`;
  return [usage, '', command.summary, ...(command.details ? ['', ...command.details] : [])];
}
