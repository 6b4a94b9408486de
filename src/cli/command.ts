import type { ParseArgsOptionsConfig } from 'node:util';
import type { Store } from '../store';
import type { Io } from './io';

// The shape every command module exports, and the context a command runs in.

export interface CommandContext {
  readonly io: Io;
  /** Machine-readable output requested (`--json`). */
  readonly json: boolean;
  readonly dbPath: string;
  /**
   * Opens the store, runs `fn` and closes the store whatever happens. Unless `create` is set, a missing
   * database file is an error rather than silently created.
   */
  withStore<T>(fn: (store: Store) => T, options?: { create?: boolean }): T;
  /** Checks the database path before it is opened: a folder, or a missing file when `create` is false, is an error. */
  checkPath(options?: { create?: boolean }): void;
  /** Prints a value as indented JSON on stdout. */
  printJson(value: unknown): void;
}

export type OptionValue = string | boolean | Array<string | boolean> | undefined;

export interface CommandArgs {
  positionals: string[];
  values: Record<string, OptionValue>;
}

export interface Command {
  name: string;
  /** Arguments and options after the command name, e.g. `ID [--out FILE]`. */
  usage: string;
  summary: string;
  /** Extra lines for `perpetua help COMMAND`. */
  details?: string[];
  options?: ParseArgsOptionsConfig;
  /** How many positional arguments, and what to call them in messages. */
  args: { min: number; max: number; name: string };
  run(ctx: CommandContext, args: CommandArgs): number;
}
