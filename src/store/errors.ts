// One error type for everything the store reports: a code for programs, a sentence for people.

export type StoreErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'SCHEMA_TOO_NEW'
  | 'SCHEMA_MISMATCH'
  | 'CORRUPT'
  | 'BUSY'
  | 'READ_ONLY'
  | 'CANNOT_OPEN'
  | 'DISK_FULL'
  | 'NATIVE_MODULE'
  | 'CONFLICT'
  | 'CLOSED'
  | 'INTERNAL';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** Technical detail for logs; never shown as the headline. */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface SqliteLikeError {
  code?: unknown;
  message?: unknown;
}

export function isSqliteError(error: unknown): boolean {
  const code = (error as SqliteLikeError | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** Turns anything thrown by better-sqlite3 (or us) into a StoreError with a sentence a person understands. */
export function toStoreError(error: unknown, context?: string): StoreError {
  if (error instanceof StoreError) return error;
  const e = (error ?? {}) as SqliteLikeError;
  const code = typeof e.code === 'string' ? e.code : '';
  const detail = `${context ? context + ': ' : ''}${code ? code + ' ' : ''}${String(e.message ?? error)}`;
  const where = context ? ` while ${context}` : '';
  const wrap = (c: StoreErrorCode, message: string) => new StoreError(c, message, detail, { cause: error });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return wrap(
      'BUSY',
      `The database is locked by another program${where}. Close other programs using it (Perpetua's desktop app, another VS Code window) and try again.`,
    );
  }
  if (code === 'SQLITE_NOTADB') {
    return wrap('CORRUPT', `The file is not a SQLite database${where}.`);
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return wrap(
      'CORRUPT',
      `The database file is damaged${where}. Make a copy of it, then run "perpetua check" to see what is wrong.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return wrap('READ_ONLY', `The database cannot be written${where}: the file or its folder is read-only.`);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return wrap(
      'CANNOT_OPEN',
      `The database file cannot be opened${where}: check that the folder exists and can be written.`,
    );
  }
  if (code === 'SQLITE_FULL') {
    return wrap('DISK_FULL', `The disk is full${where}; nothing was written.`);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return wrap('NOT_FOUND', `A referenced journey or stage does not exist${where}.`);
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return wrap('INVALID_INPUT', `A value was rejected by the database${where}.`);
  }
  return wrap('INTERNAL', `Unexpected database error${where}: ${String(e.message ?? error)}`);
}
