import type { ImportReport } from '../../store';
import { table, type Styles } from '../format';

// The created/updated/unchanged table shared by `import` and `demo`.

export function importReportLines(report: ImportReport, s: Styles, columns: number): string[] {
  const rows = (['journeys', 'stages', 'artifacts'] as const).map((kind) => [
    kind,
    String(report[kind].created),
    String(report[kind].updated),
    String(report[kind].unchanged),
  ]);
  return table(
    [
      { header: '' },
      { header: 'CREATED', align: 'right' },
      { header: 'UPDATED', align: 'right' },
      { header: 'UNCHANGED', align: 'right' },
    ],
    rows,
    columns,
    s,
  );
}
