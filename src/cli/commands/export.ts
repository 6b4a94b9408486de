import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from '../command';
import { CommandError } from '../errors';
import { plural } from '../format';
import { stringOption } from '../options';

/** Writes next to the target and renames, so a failed export never leaves half a file behind. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CommandError(`Cannot write ${file}: ${(error as Error).message}.`);
  }
}

export const exportCommand: Command = {
  name: 'export',
  usage: '[ID…] [--out FILE]',
  summary: 'Export journeys (all, or the given ones) as exchange JSON to stdout or a file.',
  options: { out: { type: 'string', short: 'o' } },
  args: { min: 0, max: Infinity, name: 'journey IDs' },
  run(ctx, args) {
    const out = stringOption(args, 'out');
    const doc = ctx.withStore((store) => store.exportJson(args.positionals));
    const text = JSON.stringify(doc, null, 2) + '\n';
    if (out === undefined || out === '-') {
      ctx.io.raw(text);
      return 0;
    }
    writeAtomically(out, text);
    const stageCount = doc.journeys.reduce((n, j) => n + j.stages.length, 0);
    if (ctx.json) ctx.printJson({ out, journeys: doc.journeys.length, stages: stageCount });
    else
      ctx.io.out(
        `Exported ${plural(doc.journeys.length, 'journey')} (${plural(stageCount, 'stage')}) to ${out}.`,
      );
    return 0;
  },
};
