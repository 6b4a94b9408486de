import type { Command } from '../command';
import { CommandError } from '../errors';
import { styles } from '../format';
import { artifactHeader, journeyOutline, stageView } from '../outline';

export const showCommand: Command = {
  name: 'show',
  usage: 'ID',
  summary: 'Show a journey as an outline, a stage in full, or print an artifact’s content.',
  details: ['An artifact’s content goes to stdout exactly as stored, so it can be redirected to a file.'],
  args: { min: 1, max: 1, name: 'an ID (of a journey, stage or artifact)' },
  run(ctx, args) {
    const id = args.positionals[0]!;
    const s = styles(ctx.io.color);
    return ctx.withStore((store) => {
      const journey = store.journeys.getWithStages(id);
      if (journey) {
        if (ctx.json) ctx.printJson({ kind: 'journey', ...journey });
        else for (const line of journeyOutline(journey, s, ctx.io.columns)) ctx.io.out(line);
        return 0;
      }
      const artifact = store.artifacts.findById(id);
      if (artifact) {
        if (ctx.json) {
          ctx.printJson({ kind: 'artifact', ...artifact, location: store.artifacts.locate(id) });
        } else {
          if (ctx.io.color) ctx.io.err(s.dim(artifactHeader(artifact)));
          ctx.io.raw(artifact.content.endsWith('\n') ? artifact.content : artifact.content + '\n');
        }
        return 0;
      }
      const stage = store.stages.findById(id);
      if (stage) {
        const artifacts = store.artifacts.listSummaries(id);
        if (ctx.json) ctx.printJson({ kind: 'stage', ...stage, artifacts });
        else for (const line of stageView(stage, artifacts, s)) ctx.io.out(line);
        return 0;
      }
      throw new CommandError(`No journey, stage or artifact has the id '${id}'.`);
    });
  },
};
