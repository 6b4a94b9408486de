import { loadDemoJourneys } from '../../demo/demoJourneys';
import type { Command } from '../command';
import { styles } from '../format';
import { importReportLines } from './importReport';

export const demoCommand: Command = {
  name: 'demo',
  usage: '',
  summary: 'Load five demo journeys (safe to run again: nothing is duplicated).',
  args: { min: 0, max: 0, name: 'no arguments' },
  run(ctx) {
    const { report, counts } = ctx.withStore(
      (store) => ({ report: loadDemoJourneys(store), counts: store.status().counts }),
      { create: true },
    );
    if (ctx.json) {
      ctx.printJson({ ...report, totals: counts });
      return 0;
    }
    const s = styles(ctx.io.color);
    ctx.io.out(`Loaded the demo journeys into ${ctx.dbPath}:`);
    for (const line of importReportLines(report, s, ctx.io.columns)) ctx.io.out(`  ${line}`);
    ctx.io.out(
      `The database now holds ${counts.journeys} journeys, ${counts.stages} stages and ${counts.artifacts} artifacts.`,
    );
    const db = /[\s'"]/.test(ctx.dbPath) ? JSON.stringify(ctx.dbPath) : ctx.dbPath;
    ctx.io.out(s.dim(`Next: perpetua --db ${db} journeys`));
    return 0;
  },
};
