// What is typed into the search box → the store's query text plus filters. Filters are words like
// `type:code`, `stage:solving`, `status:running`, `journey:<id>`, `kind:stage`, with comma-separated values;
// they are taken out before the text reaches the store. Inside "quotes" they stay text.
import {
  ARTIFACT_TYPES,
  JOURNEY_STATUSES,
  STAGE_TYPES,
  type ArtifactType,
  type JourneyStatus,
  type SearchKind,
  type SearchOptions,
  type StageType,
} from '../store';

export const SEARCH_KINDS: readonly SearchKind[] = ['artifact', 'stage'];

export interface SearchFilters {
  artifactTypes: ArtifactType[];
  stageTypes: StageType[];
  journeyStatuses: JourneyStatus[];
  kinds: SearchKind[];
  journeyId?: string;
}

export interface ParsedSearchText {
  /** The text for the store, filters removed, with a trailing `*` on the word being typed. */
  query: string;
  filters: SearchFilters;
  /** Filter words whose value is not known, e.g. `type:foo`, each with a sentence saying why. */
  problems: string[];
}

export type FilterKey = 'type' | 'stage' | 'status' | 'journey' | 'kind';

const ALLOWED: Record<Exclude<FilterKey, 'journey'>, readonly string[]> = {
  type: ARTIFACT_TYPES,
  stage: STAGE_TYPES,
  status: JOURNEY_STATUSES,
  kind: SEARCH_KINDS,
};

const WHAT: Record<FilterKey, string> = {
  type: 'an artifact type',
  stage: 'a stage type',
  status: 'a journey status',
  kind: 'a kind of hit',
  journey: 'a journey id',
};

const FILTER_WORD = /^(type|stage|status|journey|kind):(.*)$/i;
// Ids from older Perpetua versions need not look like ours; anything without spaces or commas will do.
const JOURNEY_ID = /^[^\s,]{1,200}$/;
const WORD_CHAR = /[\p{L}\p{N}]/gu;
/**
 * Short prefixes expand to thousands of index terms: at 100 000 artifacts `th*` took 14 s, `sta*` about 1 s,
 * `thro*` under 0.1 s (bench/hostLatency.ts). So the automatic prefix starts at four letters; a `*` typed by
 * the person is still honoured.
 */
export const LIVE_PREFIX_MIN_CHARS = 4;

export function emptyFilters(): SearchFilters {
  return { artifactTypes: [], stageTypes: [], journeyStatuses: [], kinds: [] };
}

/** Splits on whitespace outside double quotes; an unclosed quote runs to the end. */
function words(text: string): Array<{ word: string; quoted: boolean }> {
  const out: Array<{ word: string; quoted: boolean }> = [];
  let current = '';
  let inQuote = false;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') {
      inQuote = !inQuote;
      quoted = true;
      current += ch;
    } else if (/\s/.test(ch) && !inQuote) {
      if (current) out.push({ word: current, quoted });
      current = '';
      quoted = false;
    } else current += ch;
  }
  if (current) out.push({ word: current, quoted });
  return out;
}

function addUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

function applyFilter(key: FilterKey, raw: string, filters: SearchFilters, problems: string[]): void {
  const values = raw.split(',').filter((v) => v !== '');
  if (values.length === 0) {
    problems.push(
      `"${key}:" needs a value, e.g. ${key === 'journey' ? 'journey:<id>' : `${key}:${ALLOWED[key][0]}`}.`,
    );
    return;
  }
  for (const value of values) {
    if (key === 'journey') {
      if (JOURNEY_ID.test(value)) filters.journeyId = value;
      else problems.push(`"${value}" is not ${WHAT.journey}.`);
      continue;
    }
    const lower = value.toLowerCase();
    if (!ALLOWED[key].includes(lower)) {
      problems.push(`"${value}" is not ${WHAT[key]}; use one of ${ALLOWED[key].join(', ')}.`);
      continue;
    }
    if (key === 'type') addUnique(filters.artifactTypes, lower as ArtifactType);
    else if (key === 'stage') addUnique(filters.stageTypes, lower as StageType);
    else if (key === 'status') addUnique(filters.journeyStatuses, lower as JourneyStatus);
    else addUnique(filters.kinds, lower as SearchKind);
  }
}

/**
 * While typing, the last word is a prefix (`retr` finds "retry"), unless the text ends in a space, the word
 * is quoted, negated, already a prefix, or shorter than LIVE_PREFIX_MIN_CHARS.
 */
function withLivePrefix(text: string, endsWithSpace: boolean): string {
  if (endsWithSpace) return text;
  const match = /(^|\s)([^\s"]+)$/.exec(text);
  if (!match) return text;
  const word = match[2]!;
  if (
    word.startsWith('-') ||
    word.endsWith('*') ||
    (word.match(WORD_CHAR)?.length ?? 0) < LIVE_PREFIX_MIN_CHARS
  )
    return text;
  return `${text}*`;
}

export function parseSearchText(input: string, options: { live?: boolean } = {}): ParsedSearchText {
  const filters = emptyFilters();
  const problems: string[] = [];
  const kept: string[] = [];
  for (const { word, quoted } of words(input)) {
    const match = quoted ? null : FILTER_WORD.exec(word);
    if (match) applyFilter(match[1]!.toLowerCase() as FilterKey, match[2]!, filters, problems);
    else kept.push(word);
  }
  const text = kept.join(' ');
  const live = options.live ?? true;
  return { query: live ? withLivePrefix(text, /\s$/.test(input)) : text, filters, problems };
}

/** Both sets of filters together (typed ones and the ones chosen with buttons). */
export function mergeFilters(a: SearchFilters, b: SearchFilters): SearchFilters {
  const merged: SearchFilters = {
    artifactTypes: [...new Set([...a.artifactTypes, ...b.artifactTypes])],
    stageTypes: [...new Set([...a.stageTypes, ...b.stageTypes])],
    journeyStatuses: [...new Set([...a.journeyStatuses, ...b.journeyStatuses])],
    kinds: [...new Set([...a.kinds, ...b.kinds])],
  };
  const journeyId = b.journeyId ?? a.journeyId;
  if (journeyId !== undefined) merged.journeyId = journeyId;
  return merged;
}

/** The store's options for these filters. */
export function toSearchOptions(filters: SearchFilters, limit: number): SearchOptions {
  const options: SearchOptions = { limit };
  if (filters.artifactTypes.length > 0) options.artifactTypes = filters.artifactTypes;
  if (filters.stageTypes.length > 0) options.stageTypes = filters.stageTypes;
  if (filters.journeyStatuses.length > 0) options.journeyStatuses = filters.journeyStatuses;
  if (filters.kinds.length > 0) options.kinds = filters.kinds;
  if (filters.journeyId !== undefined) options.journeyId = filters.journeyId;
  return options;
}

/** A filter as the word that types it, for the buttons (they insert or remove these words). */
export function filterWord(key: FilterKey, value: string): string {
  return `${key}:${value}`;
}

/** The input with every filter word for `key` removed (used when a button replaces a filter). */
export function removeFilterWords(input: string, key: FilterKey): string {
  return words(input)
    .filter(({ word, quoted }) => quoted || FILTER_WORD.exec(word)?.[1]?.toLowerCase() !== key)
    .map(({ word }) => word)
    .join(' ');
}

/** Whether any filter is set, for the title line. */
export function describeFilters(filters: SearchFilters): string | undefined {
  const parts: string[] = [];
  if (filters.kinds.length > 0) parts.push(`kind: ${filters.kinds.join(', ')}`);
  if (filters.artifactTypes.length > 0) parts.push(`type: ${filters.artifactTypes.join(', ')}`);
  if (filters.stageTypes.length > 0) parts.push(`stage: ${filters.stageTypes.join(', ')}`);
  if (filters.journeyStatuses.length > 0) parts.push(`status: ${filters.journeyStatuses.join(', ')}`);
  if (filters.journeyId !== undefined) parts.push('this journey');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
