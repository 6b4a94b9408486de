import type { CommandArgs } from './command';
import { UsageError } from './errors';

// Typed access to parsed options, with the checks that turn bad values into usage errors (exit 2).

export function stringOption(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  if (Array.isArray(value)) return value.map(String).at(-1);
  return typeof value === 'string' ? value : undefined;
}

export function flagOption(args: CommandArgs, name: string): boolean {
  return args.values[name] === true;
}

/** All values of a repeatable option; each may also be a comma-separated list. */
export function listOption(args: CommandArgs, name: string): string[] {
  const value = args.values[name];
  const raw = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  return raw
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A whole number from `min` to `max`, or a usage error naming the option. */
export function integerOption(
  args: CommandArgs,
  name: string,
  range: { min: number; max: number },
): number | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw new UsageError(
      `--${name} must be a whole number from ${range.min} to ${range.max}; got '${value}'.`,
    );
  }
  return n;
}

/** One of the allowed words, or a usage error listing them. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`Unknown ${what} '${value}'; expected one of ${allowed.join(', ')}.`);
  }
  return value as T;
}
