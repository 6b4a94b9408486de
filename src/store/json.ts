// JSON columns written by other programs may be anything; a listing must never fail on one bad row.

export function parseJsonObject(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function isValidJsonObject(text: unknown): boolean {
  return text === null || text === undefined || parseJsonObject(text) !== undefined;
}
