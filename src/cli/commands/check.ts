import type { CheckReport } from '../../store';
import type { Command } from '../command';
import { flagOption } from '../options';

function report(lines: (line: string) => void, result: CheckReport): void {
  for (const p of result.problems) lines(`problem: ${p}`);
  for (const w of result.warnings) lines(`warning: ${w}`);
  if (result.ok) {
    lines(
      result.warnings.length > 0
        ? 'OK: no problems found (see the warnings above).'
        : 'OK: SQLite integrity, foreign keys and full-text indexes are all consistent.',
    );
  } else {
    lines(`Found ${result.problems.length} problem(s).`);
  }
}

export const checkCommand: Command = {
  name: 'check',
  usage: '[--repair]',
  summary: 'Check SQLite integrity, foreign keys and the full-text indexes; --repair rebuilds the indexes.',
  details: ['Exits with status 1 when a problem remains.'],
  options: { repair: { type: 'boolean' } },
  args: { min: 0, max: 0, name: 'no arguments' },
  run(ctx, args) {
    const repair = flagOption(args, 'repair');
    const { before, after } = ctx.withStore((store) => {
      const first = store.check();
      if (!repair) return { before: first, after: first };
      store.rebuildSearchIndexes();
      return { before: first, after: store.check() };
    });
    if (ctx.json) {
      ctx.printJson(repair ? { ...after, repaired: true, before } : after);
      return after.ok ? 0 : 1;
    }
    if (repair) {
      ctx.io.out(
        before.ok
          ? 'Rebuilt the full-text indexes (they were consistent before).'
          : `Rebuilt the full-text indexes; ${before.problems.length} problem(s) before the repair.`,
      );
    }
    report((line) => ctx.io.out(line), after);
    return after.ok ? 0 : 1;
  },
};
