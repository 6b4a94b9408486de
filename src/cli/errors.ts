// The two ways a command fails besides a StoreError: the user typed something wrong (exit 2), or what they
// asked for cannot be done (exit 1). Both carry one sentence for the terminal.

/** Wrong command line: unknown command or option, missing or malformed argument. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A well-formed request that failed: not found, unreadable file, failed check. Exit code 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
