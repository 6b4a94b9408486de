import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { Command, CommandArgs } from './command';
import { UsageError } from './errors';

// Command-line parsing: global options may come before or after the command; the command's own options
// and its positional arguments are checked here, so commands receive well-formed input.

export interface GlobalOptions {
  db?: string;
  json: boolean;
  help: boolean;
  version: boolean;
}

export interface SplitArgs {
  global: GlobalOptions;
  /** The first word that is not a global option, if any. */
  command?: string;
  /** Everything after the command word. */
  rest: string[];
}

const GLOBAL_OPTIONS: ParseArgsOptionsConfig = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Reads the global options up to the command word. */
export function splitGlobalOptions(argv: readonly string[]): SplitArgs {
  const global: GlobalOptions = { json: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--db') {
      const value = argv[i + 1];
      if (value === undefined) throw new UsageError('--db needs a database file path.');
      global.db = value;
      i++;
    } else if (token.startsWith('--db=')) global.db = token.slice('--db='.length);
    else if (token === '--json') global.json = true;
    else if (token === '--help' || token === '-h') global.help = true;
    else if (token === '--version' || token === '-v') global.version = true;
    else if (token === '--') return { global, command: argv[i + 1], rest: argv.slice(i + 2) };
    else if (token.startsWith('-') && token !== '-') throw new UsageError(`Unknown option '${token}'.`);
    else return { global, command: token, rest: argv.slice(i + 1) };
  }
  return { global, rest: [] };
}

function usageMessage(error: unknown, command: Command): string {
  const e = error as { code?: string; message?: string };
  const message = String(e.message ?? error);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1] ?? message;
    return `Unknown option '${option}' for '${command.name}'.`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(--?[\w-]+)/.exec(message)?.[1];
    if (option && /missing/.test(message)) return `${option} needs a value.`;
    if (option && /does not take/.test(message)) return `${option} does not take a value.`;
  }
  return message.split('\n')[0]!.replace(/\.?$/, '.');
}

/** Parses the arguments after the command word; global options found there are merged into `global`. */
export function parseCommandArgs(
  command: Command,
  rest: readonly string[],
  global: GlobalOptions,
): CommandArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(usageMessage(error, command));
  }
  const { db, json, help, ...values } = parsed.values;
  if (typeof db === 'string') global.db = db;
  if (json === true) global.json = true;
  if (help === true) global.help = true;
  const positionals = parsed.positionals;
  const { min, max, name } = command.args;
  if (!global.help) {
    if (positionals.length < min) {
      throw new UsageError(`'${command.name}' needs ${name}.`);
    }
    if (positionals.length > max) {
      throw new UsageError(
        max === 0
          ? `'${command.name}' takes no arguments; got '${positionals[0]}'.`
          : `'${command.name}' takes ${name}; got ${positionals.length} arguments.`,
      );
    }
  }
  return { positionals, values };
}
