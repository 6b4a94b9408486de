import {
  ARTIFACT_TYPES,
  STAGE_TYPES,
  isArtifactType,
  isStageType,
  type ArtifactType,
  type SearchHit,
  type SearchOptions,
  type StageType,
} from '../../store';
import type { Command } from '../command';
import { highlight, oneLine, plural, styles, type Styles } from '../format';
import { integerOption, listOption, stringOption } from '../options';
import { UsageError } from '../errors';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

/** The shape of `search --json`: flat, with the snippet as plain text. */
export interface SearchHitJson {
  kind: 'artifact' | 'stage';
  artifactId: string | null;
  journeyId: string;
  stageId: string;
  title: string;
  type: string;
  stageType: StageType;
  journeyInput: string;
  snippet: string;
  highlights: Array<[number, number]>;
  score: number;
}

function titleOf(hit: SearchHit): string {
  return hit.kind === 'artifact' ? hit.title : `${hit.stageType} stage`;
}

function toJson(hit: SearchHit): SearchHitJson {
  return {
    kind: hit.kind,
    artifactId: hit.kind === 'artifact' ? hit.artifactId : null,
    journeyId: hit.journeyId,
    stageId: hit.stageId,
    title: titleOf(hit),
    type: hit.kind === 'artifact' ? hit.artifactType : hit.stageType,
    stageType: hit.stageType,
    journeyInput: hit.journeyInput,
    snippet: hit.snippet.text,
    highlights: hit.snippet.highlights,
    score: hit.score,
  };
}

function hitBlock(hit: SearchHit, index: number, s: Styles, color: boolean, columns: number): string[] {
  const what =
    hit.kind === 'artifact'
      ? `${hit.artifactType} · ${hit.artifactId}`
      : `${hit.stageId} · matched in the ${hit.field}`;
  const number = `${index + 1}.`;
  const indent = ' '.repeat(number.length + 1);
  const lines = [`${number} ${s.bold(titleOf(hit))}  ${s.dim(what)}`];
  const room = Math.max(20, columns - indent.length - hit.journeyId.length - 12);
  lines.push(
    `${indent}${s.dim('journey')}  ${oneLine(hit.journeyInput, room)} ${s.dim(`(${hit.journeyId})`)}`,
  );
  if (hit.kind === 'artifact') {
    lines.push(`${indent}${s.dim('stage')}    ${hit.stageType} ${s.dim(`(${hit.stageId})`)}`);
  }
  lines.push(`${indent}${highlight(hit.snippet, color)}`);
  return lines;
}

function filters(args: Parameters<Command['run']>[1]): SearchOptions {
  const artifactTypes: ArtifactType[] = [];
  const stageTypes: StageType[] = [];
  for (const t of listOption(args, 'type')) {
    if (isArtifactType(t)) artifactTypes.push(t);
    else if (isStageType(t)) stageTypes.push(t);
    else {
      throw new UsageError(
        `Unknown type '${t}'; expected an artifact type (${ARTIFACT_TYPES.join(', ')}) or a stage type (${STAGE_TYPES.join(', ')}).`,
      );
    }
  }
  const options: SearchOptions = {
    limit: integerOption(args, 'limit', { min: 1, max: MAX_LIMIT }) ?? DEFAULT_LIMIT,
  };
  if (artifactTypes.length > 0) options.artifactTypes = artifactTypes;
  if (stageTypes.length > 0) options.stageTypes = stageTypes;
  const journeyId = stringOption(args, 'journey');
  if (journeyId !== undefined) {
    if (journeyId.trim() === '') throw new UsageError('--journey needs a journey ID.');
    options.journeyId = journeyId;
  }
  return options;
}

export const searchCommand: Command = {
  name: 'search',
  usage: 'QUERY [--type T] [--journey ID] [--limit N]',
  summary: 'Full-text search over artifacts and stages; best matches first.',
  details: [
    'Words must all match; "quoted words" match as a phrase; word* matches a prefix; -word excludes.',
    'Put -- before a query that starts with a dash: perpetua search -- -draft notes',
    `--type takes an artifact type: ${ARTIFACT_TYPES.join(', ')};`,
    `  or a stage type: ${STAGE_TYPES.slice(0, 4).join(', ')},`,
    `  ${STAGE_TYPES.slice(4).join(', ')}. Repeat it or use commas for several.`,
    `--limit defaults to ${DEFAULT_LIMIT} (at most ${MAX_LIMIT}).`,
  ],
  options: {
    type: { type: 'string', multiple: true },
    journey: { type: 'string' },
    limit: { type: 'string' },
  },
  args: { min: 1, max: Infinity, name: 'a search query' },
  run(ctx, args) {
    const query = args.positionals.join(' ');
    const options = filters(args);
    const result = ctx.withStore((store) => {
      if (options.journeyId !== undefined) store.journeys.getById(options.journeyId);
      return store.search(query, options);
    });
    if (ctx.json) {
      ctx.printJson(result.hits.map(toJson));
      return 0;
    }
    const s = styles(ctx.io.color);
    if (result.expression === undefined) {
      ctx.io.out('Nothing to search for: type at least one word.');
      return 0;
    }
    if (result.hits.length === 0) {
      ctx.io.out(`No matches for "${query}".`);
      return 0;
    }
    result.hits.forEach((hit, i) => {
      if (i > 0) ctx.io.out('');
      for (const line of hitBlock(hit, i, s, ctx.io.color, ctx.io.columns)) ctx.io.out(line);
    });
    const notes = [plural(result.hits.length, 'match', 'matches')];
    if (result.hits.length === options.limit) notes.push('more may exist; raise --limit');
    if (result.truncated) notes.push('the query was shortened');
    if (result.approximate) notes.push('only the newest matches were ranked');
    ctx.io.out('');
    ctx.io.out(s.dim(notes.join('; ') + '.'));
    return 0;
  },
};
