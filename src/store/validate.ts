import { StoreError } from './errors';

// Argument checks up front, with the field named, so bad input never reaches SQL.

export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

export function invalid(message: string): StoreError {
  return new StoreError('INVALID_INPUT', message);
}

export function requireId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw invalid(`${what} must be a non-empty id of at most 200 characters.`);
  }
  return value;
}

export function requireText(value: unknown, what: string, options: { allowEmpty?: boolean } = {}): string {
  if (typeof value !== 'string') throw invalid(`${what} must be text.`);
  if (!options.allowEmpty && value.trim() === '') throw invalid(`${what} must not be empty.`);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_TEXT_BYTES) {
    throw invalid(
      `${what} is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_TEXT_BYTES / 1024 / 1024} MB.`,
    );
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(`${what} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`);
  }
  return value as T;
}

export function requireTimestamp(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(`${what} must be a time in milliseconds since 1970.`);
  }
  return value;
}

export function requireLimit(value: unknown, what: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw invalid(`${what} must be a whole number from 0 to ${max}; got ${String(value)}.`);
  }
  return value;
}

export function requirePlainObject(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`${what} must be an object.`);
  }
  return value as Record<string, unknown>;
}

/** JSON text for a column; rejects values JSON cannot represent faithfully. */
export function toJsonText(value: Record<string, unknown>, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw invalid(`${what} cannot be stored as JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw invalid(`${what} cannot be stored as JSON.`);
  return requireText(text, what, { allowEmpty: true });
}
