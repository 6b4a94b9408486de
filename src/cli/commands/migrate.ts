import { LATEST_VERSION, migrateDatabase, type MigrationReport } from '../../store';
import type { Command } from '../command';
import { plural } from '../format';
import { integerOption } from '../options';

function describe(report: MigrationReport): string[] {
  const lines: string[] = [];
  const adoption = report.adoption;
  if (adoption) {
    lines.push(`Adopted a database made by an older Perpetua (created by ${adoption.origin}()):`);
    for (const action of adoption.actions) lines.push(`  ${action}`);
    const kept = adoption.kept;
    lines.push(
      `  Kept ${plural(kept.journeys, 'journey')}, ${plural(kept.stages, 'stage')} and ${plural(kept.artifacts, 'artifact')}.`,
    );
  }
  for (const step of report.steps) {
    const verb = step.direction === 'up' ? 'Applied' : 'Reverted';
    lines.push(`${verb} migration ${step.version} (${step.name}).`);
  }
  if (report.steps.length === 0 && !adoption) {
    lines.push(`Already at schema version ${report.to}; nothing to do.`);
  } else {
    lines.push(`Schema version ${report.from} → ${report.to}.`);
  }
  return lines;
}

export const migrateCommand: Command = {
  name: 'migrate',
  usage: '[--to N]',
  summary: 'Upgrade (or, with --to, downgrade) the database schema; adopts databases made by older Perpetua.',
  details: [
    `Without --to, migrates to the latest schema version (${LATEST_VERSION}).`,
    'Every other command also upgrades the database when it opens it.',
  ],
  options: { to: { type: 'string' } },
  args: { min: 0, max: 0, name: 'no arguments' },
  run(ctx, args) {
    const to = integerOption(args, 'to', { min: 0, max: LATEST_VERSION });
    ctx.checkPath({ create: true });
    const report = migrateDatabase(ctx.dbPath, to === undefined ? {} : { to });
    if (ctx.json) ctx.printJson(report);
    else for (const line of describe(report)) ctx.io.out(line);
    return 0;
  },
};
