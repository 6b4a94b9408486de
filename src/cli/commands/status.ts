import { JOURNEY_STATUSES } from '../../store';
import type { Command } from '../command';
import { formatBytes, styles } from '../format';

export const statusCommand: Command = {
  name: 'status',
  usage: '',
  summary: 'Show the database: path, schema version, counts, journal mode, SQLite version, size.',
  args: { min: 0, max: 0, name: 'no arguments' },
  run(ctx) {
    const status = ctx.withStore((store) => store.status());
    if (ctx.json) {
      ctx.printJson(status);
      return 0;
    }
    const s = styles(ctx.io.color);
    const byStatus = JOURNEY_STATUSES.filter((st) => status.journeysByStatus[st] > 0)
      .map((st) => `${st} ${status.journeysByStatus[st]}`)
      .join(', ');
    const schema =
      status.schemaVersion === status.latestSchemaVersion
        ? `${status.schemaVersion} (latest)`
        : `${status.schemaVersion} (latest is ${status.latestSchemaVersion})`;
    const rows: Array<[string, string]> = [
      ['Database', status.path],
      ['Schema version', schema],
      ['Journeys', `${status.counts.journeys}${byStatus ? `  (${byStatus})` : ''}`],
      ['Stages', String(status.counts.stages)],
      ['Artifacts', String(status.counts.artifacts)],
      ['Journal mode', status.journalMode],
      ['SQLite', status.sqliteVersion],
      ['File size', formatBytes(status.fileBytes)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [key, value] of rows) ctx.io.out(`${s.bold(key.padEnd(width))}  ${value}`);
    return 0;
  },
};
