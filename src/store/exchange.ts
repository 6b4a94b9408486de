import type { StoreError } from './errors';
import { StoreError as Err } from './errors';
import {
  ARTIFACT_TYPES,
  JOURNEY_STATUSES,
  STAGE_STATUSES,
  STAGE_TYPES,
  type ArtifactType,
  type JourneyStatus,
  type StageStatus,
  type StageType,
} from './types';
import { MAX_TEXT_BYTES } from './validate';

// The exchange format: versioned JSON of journeys with their stages and artifacts (docs/exchange-format.md).

export const EXCHANGE_FORMAT = 'perpetua-journeys' as const;
export const EXCHANGE_VERSION = 1 as const;

export interface ExchangeArtifact {
  id: string;
  type: ArtifactType;
  title: string;
  content: string;
  metadata: Record<string, unknown>;
  createdAt: number;
  updatedAt?: number;
}

export interface ExchangeStage {
  id: string;
  type: StageType;
  status: StageStatus;
  prompt: string;
  result: string;
  thinking?: string;
  createdAt: number;
  updatedAt?: number;
  artifacts: ExchangeArtifact[];
}

export interface ExchangeJourney {
  id: string;
  input: string;
  status: JourneyStatus;
  settings: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  stages: ExchangeStage[];
}

export interface ExchangeDocument {
  format: typeof EXCHANGE_FORMAT;
  version: typeof EXCHANGE_VERSION;
  exportedAt: string;
  journeys: ExchangeJourney[];
}

class PathError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

type Json = unknown;

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}

function object(value: Json, path: string): Record<string, Json> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PathError(path, `expected an object, found ${describe(value)}`);
  }
  return value as Record<string, Json>;
}

function list(value: Json, path: string): Json[] {
  if (!Array.isArray(value)) throw new PathError(path, `expected a list, found ${describe(value)}`);
  return value;
}

function text(value: Json, path: string, options: { allowEmpty?: boolean } = {}): string {
  if (typeof value !== 'string') throw new PathError(path, `expected text, found ${describe(value)}`);
  if (!options.allowEmpty && value.trim() === '') throw new PathError(path, 'must not be empty');
  if (Buffer.byteLength(value) > MAX_TEXT_BYTES)
    throw new PathError(path, `is larger than ${MAX_TEXT_BYTES / 1048576} MB`);
  return value;
}

function id(value: Json, path: string): string {
  const s = text(value, path);
  if (s.length > 200) throw new PathError(path, 'ids are at most 200 characters');
  return s;
}

function time(value: Json, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PathError(path, `expected a time in milliseconds since 1970, found ${describe(value)}`);
  }
  return value;
}

function oneOf<T extends string>(value: Json, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new PathError(path, `expected one of ${allowed.join(', ')}, found ${describe(value)}`);
  }
  return value as T;
}

function optional<T>(value: Json, read: (v: Json) => T): T | undefined {
  return value === undefined || value === null ? undefined : read(value);
}

function unique(seen: Set<string>, value: string, path: string): string {
  if (seen.has(value)) throw new PathError(path, `the id ${value} appears more than once in the file`);
  seen.add(value);
  return value;
}

function readArtifact(raw: Json, path: string, ids: Set<string>): ExchangeArtifact {
  const a = object(raw, path);
  const metadata = optional(a.metadata, (v) => object(v, `${path}.metadata`)) ?? {};
  const artifact: ExchangeArtifact = {
    id: unique(ids, id(a.id, `${path}.id`), `${path}.id`),
    type: oneOf(a.type, ARTIFACT_TYPES, `${path}.type`),
    title: text(a.title, `${path}.title`),
    content: text(a.content, `${path}.content`, { allowEmpty: true }),
    metadata,
    createdAt: time(a.createdAt, `${path}.createdAt`),
  };
  const updatedAt = optional(a.updatedAt, (v) => time(v, `${path}.updatedAt`));
  if (updatedAt !== undefined) artifact.updatedAt = updatedAt;
  return artifact;
}

function readStage(raw: Json, path: string, ids: Set<string>): ExchangeStage {
  const s = object(raw, path);
  const stage: ExchangeStage = {
    id: unique(ids, id(s.id, `${path}.id`), `${path}.id`),
    type: oneOf(s.type, STAGE_TYPES, `${path}.type`),
    status: oneOf(s.status, STAGE_STATUSES, `${path}.status`),
    prompt: optional(s.prompt, (v) => text(v, `${path}.prompt`, { allowEmpty: true })) ?? '',
    result: optional(s.result, (v) => text(v, `${path}.result`, { allowEmpty: true })) ?? '',
    createdAt: time(s.createdAt, `${path}.createdAt`),
    artifacts: list(s.artifacts ?? [], `${path}.artifacts`).map((a, i) =>
      readArtifact(a, `${path}.artifacts[${i}]`, ids),
    ),
  };
  const thinking = optional(s.thinking, (v) => text(v, `${path}.thinking`, { allowEmpty: true }));
  if (thinking !== undefined && thinking !== '') stage.thinking = thinking;
  const updatedAt = optional(s.updatedAt, (v) => time(v, `${path}.updatedAt`));
  if (updatedAt !== undefined) stage.updatedAt = updatedAt;
  return stage;
}

function readJourney(raw: Json, path: string, ids: Set<string>): ExchangeJourney {
  const j = object(raw, path);
  const createdAt = time(j.createdAt, `${path}.createdAt`);
  return {
    id: unique(ids, id(j.id, `${path}.id`), `${path}.id`),
    input: text(j.input, `${path}.input`),
    status: oneOf(j.status, JOURNEY_STATUSES, `${path}.status`),
    settings: optional(j.settings, (v) => object(v, `${path}.settings`)) ?? {},
    createdAt,
    updatedAt: optional(j.updatedAt, (v) => time(v, `${path}.updatedAt`)) ?? createdAt,
    stages: list(j.stages ?? [], `${path}.stages`).map((s, i) => readStage(s, `${path}.stages[${i}]`, ids)),
  };
}

/** Checks a whole document before anything is written; the error names the path of the first bad value. */
export function parseExchangeDocument(source: unknown): ExchangeDocument {
  let raw: unknown = source;
  if (typeof source === 'string') {
    try {
      raw = JSON.parse(source);
    } catch (error) {
      throw new Err(
        'INVALID_INPUT',
        `The file is not valid JSON: ${(error as Error).message}. Nothing was imported.`,
      );
    }
  }
  try {
    const doc = object(raw, '$');
    if (doc.format !== EXCHANGE_FORMAT) {
      throw new PathError('$.format', `expected "${EXCHANGE_FORMAT}", found ${describe(doc.format)}`);
    }
    if (typeof doc.version !== 'number' || doc.version > EXCHANGE_VERSION || doc.version < 1) {
      throw new PathError(
        '$.version',
        typeof doc.version === 'number' && doc.version > EXCHANGE_VERSION
          ? `this file was written by a newer Perpetua (format version ${doc.version}; this one reads ${EXCHANGE_VERSION})`
          : `expected ${EXCHANGE_VERSION}, found ${describe(doc.version)}`,
      );
    }
    const ids = new Set<string>();
    return {
      format: EXCHANGE_FORMAT,
      version: EXCHANGE_VERSION,
      exportedAt: typeof doc.exportedAt === 'string' ? doc.exportedAt : new Date(0).toISOString(),
      journeys: list(doc.journeys, '$.journeys').map((j, i) => readJourney(j, `$.journeys[${i}]`, ids)),
    };
  } catch (error) {
    if (error instanceof PathError) {
      const e: StoreError = new Err(
        'INVALID_INPUT',
        `Import refused at ${error.path}: ${error.problem}. Nothing was imported.`,
      );
      throw e;
    }
    throw error;
  }
}
