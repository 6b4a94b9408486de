import { readFileSync } from 'node:fs';
import type { Command } from '../command';
import { CommandError } from '../errors';
import { styles } from '../format';
import { importReportLines } from './importReport';

function readSource(file: string, readStdin: () => string): string {
  try {
    return file === '-' ? readStdin() : readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : String((error as Error).message);
    throw new CommandError(`Cannot read ${file === '-' ? 'standard input' : file}: ${reason}.`);
  }
}

export const importCommand: Command = {
  name: 'import',
  usage: 'FILE|-',
  summary: 'Import journeys from an exchange JSON file (- reads stdin); all or nothing, idempotent.',
  details: [
    'Rows are matched by id: new ones are created, changed ones updated, identical ones left alone.',
    'The whole file is checked first; on any problem nothing is imported.',
  ],
  args: { min: 1, max: 1, name: 'a FILE to import (or - for standard input)' },
  run(ctx, args) {
    const file = args.positionals[0]!;
    const text = readSource(file, () => ctx.io.readStdin());
    const report = ctx.withStore((store) => store.importJson(text), { create: true });
    if (ctx.json) {
      ctx.printJson(report);
      return 0;
    }
    const s = styles(ctx.io.color);
    ctx.io.out(`Imported ${file === '-' ? 'standard input' : file} into ${ctx.dbPath}:`);
    for (const line of importReportLines(report, s, ctx.io.columns)) ctx.io.out(`  ${line}`);
    return 0;
  },
};
