import type { Database } from 'better-sqlite3';
import {
  DROP_FTS,
  V1_FTS,
  V1_INDEXES,
  V1_TABLES,
  V2_DOWN_TABLES,
  V2_FTS,
  V2_INDEXES,
  V2_TABLES,
} from './sql';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
  down(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial_schema',
    up(db) {
      db.exec(V1_TABLES + V1_INDEXES + V1_FTS);
    },
    down(db) {
      db.exec(
        DROP_FTS +
          'DROP TABLE IF EXISTS artifacts; DROP TABLE IF EXISTS stages; DROP TABLE IF EXISTS journeys;',
      );
    },
  },
  {
    version: 2,
    name: 'stable_rowids_and_stage_search',
    up(db) {
      db.exec(DROP_FTS + V2_TABLES + V2_INDEXES + V2_FTS);
    },
    down(db) {
      db.exec(DROP_FTS + V2_DOWN_TABLES + V1_INDEXES + V1_FTS);
      db.exec(`INSERT INTO artifacts_fts(artifacts_fts) VALUES ('rebuild')`);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
