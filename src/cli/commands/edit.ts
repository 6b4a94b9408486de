import { JOURNEY_STATUSES } from '../../store';
import type { Command } from '../command';
import { CommandError } from '../errors';
import { plural } from '../format';
import { oneOf } from '../options';

export const setStatusCommand: Command = {
  name: 'set-status',
  usage: 'ID STATUS',
  summary: `Change a journey's status (${JOURNEY_STATUSES.join(', ')}).`,
  args: { min: 2, max: 2, name: 'a journey ID and a STATUS' },
  run(ctx, args) {
    const [id, rawStatus] = args.positionals as [string, string];
    const status = oneOf(rawStatus, JOURNEY_STATUSES, 'status');
    const { before, after } = ctx.withStore((store) => {
      const current = store.journeys.getById(id);
      return { before: current.status, after: store.journeys.update(id, { status }) };
    });
    if (ctx.json) ctx.printJson({ id, from: before, to: after.status });
    else if (before === after.status) ctx.io.out(`${id} is already ${before}.`);
    else ctx.io.out(`${id}: ${before} → ${after.status}`);
    return 0;
  },
};

interface Deleted {
  kind: 'journey' | 'stage' | 'artifact';
  id: string;
  stages: number;
  artifacts: number;
}

export const deleteCommand: Command = {
  name: 'delete',
  usage: 'ID',
  summary: 'Delete a journey (with its stages and artifacts), a stage (with its artifacts) or an artifact.',
  args: { min: 1, max: 1, name: 'an ID (of a journey, stage or artifact)' },
  run(ctx, args) {
    const id = args.positionals[0]!;
    const deleted = ctx.withStore((store): Deleted | undefined =>
      store.transaction(() => {
        if (store.journeys.findById(id)) {
          const impact = store.journeys.deletionImpact(id);
          store.journeys.delete(id);
          return { kind: 'journey', id, ...impact };
        }
        if (store.stages.findById(id)) {
          const artifacts = store.artifacts.listSummaries(id).length;
          store.stages.delete(id);
          return { kind: 'stage', id, stages: 1, artifacts };
        }
        if (store.artifacts.delete(id)) return { kind: 'artifact', id, stages: 0, artifacts: 1 };
        return undefined;
      }),
    );
    // Thrown outside the transaction, which would otherwise wrap it as an unexpected database error.
    if (!deleted) {
      throw new CommandError(`No journey, stage or artifact has the id '${id}'; nothing was deleted.`);
    }
    if (ctx.json) {
      ctx.printJson(deleted);
      return 0;
    }
    const parts: string[] = [];
    if (deleted.kind === 'journey') parts.push(plural(deleted.stages, 'stage'));
    if (deleted.kind !== 'artifact') parts.push(plural(deleted.artifacts, 'artifact'));
    ctx.io.out(`Deleted ${deleted.kind} ${id}${parts.length > 0 ? ` with ${parts.join(' and ')}` : ''}.`);
    return 0;
  },
};
