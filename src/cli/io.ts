// Where a command writes: stdout for results, stderr for notes and errors. One place decides about color.

export interface Io {
  /** Writes a line (or several) of results to stdout. */
  out(text: string): void;
  /** Writes raw text to stdout, without adding a newline. */
  raw(text: string): void;
  /** Writes a note or an error line to stderr. */
  err(text: string): void;
  /** Whether stdout is a terminal that takes ANSI styles (and NO_COLOR is not set). */
  readonly color: boolean;
  /** Terminal width for truncating long text; a fixed width when stdout is not a terminal. */
  readonly columns: number;
  /** Reads all of stdin (for `import -`). */
  readStdin(): string;
}

const DEFAULT_COLUMNS = 120;

export function processIo(readStdin: () => string): Io {
  const tty = process.stdout.isTTY === true;
  return {
    out: (text) => void process.stdout.write(text + '\n'),
    raw: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text + '\n'),
    color: tty && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
    columns: tty ? Math.max(60, process.stdout.columns ?? DEFAULT_COLUMNS) : DEFAULT_COLUMNS,
    readStdin,
  };
}
