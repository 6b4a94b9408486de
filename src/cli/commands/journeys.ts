import { JOURNEY_STATUSES } from '../../store';
import type { Command } from '../command';
import { formatDate, styles, table, type Column } from '../format';
import { integerOption, listOption, oneOf } from '../options';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
const WIDE_COLUMNS = 110;

export const journeysCommand: Command = {
  name: 'journeys',
  usage: '[--status S] [--limit N]',
  summary: 'List journeys, newest first.',
  details: [
    `--status takes one of ${JOURNEY_STATUSES.join(', ')} (repeat it or use commas for several).`,
    `--limit defaults to ${DEFAULT_LIMIT} (at most ${MAX_LIMIT}).`,
  ],
  options: { status: { type: 'string', multiple: true }, limit: { type: 'string' } },
  args: { min: 0, max: 0, name: 'no arguments' },
  run(ctx, args) {
    const statuses = listOption(args, 'status').map((s) => oneOf(s, JOURNEY_STATUSES, 'status'));
    const limit = integerOption(args, 'limit', { min: 1, max: MAX_LIMIT }) ?? DEFAULT_LIMIT;
    const page = ctx.withStore((store) =>
      store.journeys.findAll({
        limit,
        ...(statuses.length > 0 ? { status: statuses } : {}),
      }),
    );
    if (ctx.json) {
      ctx.printJson(page.items);
      return 0;
    }
    if (page.items.length === 0) {
      ctx.io.out(statuses.length > 0 ? `No ${statuses.join(' or ')} journeys.` : 'No journeys yet.');
      return 0;
    }
    // On a narrow terminal, drop the artifact count and the time of day to leave room for the input.
    const wide = ctx.io.columns >= WIDE_COLUMNS;
    const columns: Column[] = [
      { header: 'ID' },
      { header: 'STATUS' },
      { header: 'CREATED' },
      { header: 'STAGES', align: 'right' },
      ...(wide ? [{ header: 'ARTIFACTS', align: 'right' } as const] : []),
      { header: 'INPUT', flexible: true },
    ];
    const rows = page.items.map((j) => [
      j.id,
      j.status,
      wide ? formatDate(j.createdAt) : formatDate(j.createdAt).slice(0, 10),
      String(j.stageCount),
      ...(wide ? [String(j.artifactCount)] : []),
      j.input,
    ]);
    const lines = table(columns, rows, ctx.io.columns, styles(ctx.io.color));
    for (const line of lines) ctx.io.out(line);
    if (page.nextCursor) {
      ctx.io.out(
        styles(ctx.io.color).dim(`Showing the newest ${page.items.length}; use --limit N to see more.`),
      );
    }
    return 0;
  },
};
