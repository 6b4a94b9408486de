import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError, openStore, type MigrationReport, type Store } from '../store';
import { parseCommandArgs, splitGlobalOptions } from './args';
import type { CommandContext } from './command';
import { COMMANDS, findCommand } from './commands/index';
import { CommandError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import { plural } from './format';
import { DB_ENV, DEFAULT_DB, commandHelp, generalHelp } from './help';
import type { Io } from './io';
import { closest } from './suggest';

// Runs one command line: parse, dispatch, and turn every failure into one line on stderr and an exit code.

export interface RunEnvironment {
  env: Record<string, string | undefined>;
  version: string;
}

function upgradeNote(report: MigrationReport | undefined): string | undefined {
  if (!report) return undefined;
  if (report.adoption) {
    const k = report.adoption.kept;
    return `perpetua: adopted a database made by an older Perpetua and upgraded it to schema ${report.to} (kept ${plural(k.journeys, 'journey')}, ${plural(k.stages, 'stage')}, ${plural(k.artifacts, 'artifact')}).`;
  }
  if (report.from > 0 && report.steps.length > 0) {
    return `perpetua: upgraded the database schema from version ${report.from} to ${report.to}.`;
  }
  return undefined;
}

function checkDatabasePath(dbPath: string, create: boolean): void {
  if (existsSync(dbPath)) {
    if (statSync(dbPath).isDirectory()) throw new CommandError(`${dbPath} is a folder, not a database file.`);
    return;
  }
  if (!create) {
    throw new CommandError(
      `No database at ${dbPath}. Use --db FILE or $${DB_ENV}, or create one with 'perpetua demo' or 'perpetua import FILE'.`,
    );
  }
  const folder = dirname(resolve(dbPath));
  if (!existsSync(folder))
    throw new CommandError(`Cannot create ${dbPath}: the folder ${folder} does not exist.`);
}

function context(io: Io, dbPath: string, json: boolean): CommandContext {
  return {
    io,
    json,
    dbPath,
    withStore<T>(fn: (store: Store) => T, options: { create?: boolean } = {}): T {
      this.checkPath(options);
      const store = openStore(dbPath);
      try {
        const note = upgradeNote(store.openReport);
        if (note) io.err(note);
        return fn(store);
      } finally {
        store.close();
      }
    },
    checkPath(options: { create?: boolean } = {}): void {
      checkDatabasePath(dbPath, options.create ?? false);
    },
    printJson(value) {
      io.out(JSON.stringify(value, null, 2));
    },
  };
}

function oneLineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

function reportError(error: unknown, io: Io, env: RunEnvironment['env']): number {
  const debug = env.PERPETUA_DEBUG === '1';
  if (error instanceof UsageError) {
    io.err(`perpetua: ${oneLineMessage(error)}`);
    io.err(`Run 'perpetua help' for usage.`);
    return EXIT_USAGE;
  }
  if (error instanceof CommandError || error instanceof StoreError) {
    io.err(`perpetua: ${oneLineMessage(error)}`);
    if (debug && error instanceof StoreError && error.detail) io.err(`detail: ${error.detail}`);
    if (debug && error.stack) io.err(error.stack);
    return EXIT_FAILURE;
  }
  io.err(
    `perpetua: unexpected error: ${oneLineMessage(error)}${debug ? '' : ` (set PERPETUA_DEBUG=1 for details)`}`,
  );
  if (debug && error instanceof Error && error.stack) io.err(error.stack);
  return EXIT_FAILURE;
}

function dispatch(argv: readonly string[], io: Io, environment: RunEnvironment): number {
  const { global, command: name, rest } = splitGlobalOptions(argv);
  const print = (lines: string[]) => lines.forEach((line) => io.out(line));
  if (name === undefined) {
    if (global.version) io.out(environment.version);
    else if (global.help || argv.length === 0) print(generalHelp(COMMANDS, environment.version));
    else throw new UsageError('No command given.');
    return EXIT_OK;
  }
  if (name === 'help') {
    const topic = rest.find((r) => !r.startsWith('-'));
    if (topic === undefined) {
      print(generalHelp(COMMANDS, environment.version));
      return EXIT_OK;
    }
    const command = findCommand(topic);
    if (!command) throw new UsageError(`No help for '${topic}': there is no such command.`);
    print(commandHelp(command));
    return EXIT_OK;
  }
  const command = findCommand(name);
  if (!command) {
    const guess = closest(name, [...COMMANDS.map((c) => c.name), 'help']);
    throw new UsageError(`Unknown command '${name}'.${guess ? ` Did you mean '${guess}'?` : ''}`);
  }
  const args = parseCommandArgs(command, rest, global);
  if (global.help) {
    print(commandHelp(command));
    return EXIT_OK;
  }
  if (global.version) {
    io.out(environment.version);
    return EXIT_OK;
  }
  if (global.db !== undefined && global.db.trim() === '')
    throw new UsageError('--db needs a database file path.');
  const fromEnv = environment.env[DB_ENV];
  const dbPath = global.db ?? (fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : DEFAULT_DB);
  return command.run(context(io, dbPath, global.json), args);
}

/** Runs `perpetua` with the given arguments; returns the exit code. Never throws. */
export function run(argv: readonly string[], io: Io, environment: RunEnvironment): number {
  try {
    return dispatch(argv, io, environment);
  } catch (error) {
    return reportError(error, io, environment.env);
  }
}
