// SQL shared by the migrations and the adoption of databases made by the seed's code.

/** The seed's tables with IF NOT EXISTS everywhere, so a second open (or an adopted seed database) never fails. */
export const V1_TABLES = `
CREATE TABLE IF NOT EXISTS journeys (
  id TEXT PRIMARY KEY,
  input TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('running', 'paused', 'stopped', 'complete', 'error')),
  settings TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS stages (
  id TEXT PRIMARY KEY,
  journey_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK(type IN ('discovering', 'chasing', 'solving', 'challenging', 'questioning', 'searching', 'imagining', 'building')),
  status TEXT NOT NULL CHECK(status IN ('pending', 'running', 'complete', 'error')),
  prompt TEXT,
  result TEXT,
  thinking TEXT,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (journey_id) REFERENCES journeys(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS artifacts (
  id TEXT PRIMARY KEY,
  stage_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK(type IN ('document', 'code', 'visualization', 'mindmap', 'other')),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  metadata TEXT,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (stage_id) REFERENCES stages(id) ON DELETE CASCADE
);
`;

export const V1_INDEXES = `
CREATE INDEX IF NOT EXISTS idx_journeys_status ON journeys(status);
CREATE INDEX IF NOT EXISTS idx_journeys_created_at ON journeys(created_at DESC);
CREATE INDEX IF NOT EXISTS idx_stages_journey ON stages(journey_id);
CREATE INDEX IF NOT EXISTS idx_stages_status ON stages(status);
CREATE INDEX IF NOT EXISTS idx_stages_created_at ON stages(created_at DESC);
CREATE INDEX IF NOT EXISTS idx_artifacts_stage ON artifacts(stage_id);
CREATE INDEX IF NOT EXISTS idx_artifacts_type ON artifacts(type);
CREATE INDEX IF NOT EXISTS idx_artifacts_created_at ON artifacts(created_at DESC);
`;

/**
 * An external-content FTS5 index must be told the *old* values to remove a row ('delete' command);
 * the seed's DELETE/UPDATE on the FTS table left stale entries and later SQLITE_CORRUPT_VTAB.
 */
function ftsTriggers(table: string, rowid: string, columns: readonly string[]): string {
  const cols = columns.join(', ');
  const news = columns.map((c) => `new.${c}`).join(', ');
  const olds = columns.map((c) => `old.${c}`).join(', ');
  const changed = columns.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
  const fts = `${table}_fts`;
  return `
CREATE TRIGGER IF NOT EXISTS ${table}_ai AFTER INSERT ON ${table} BEGIN
  INSERT INTO ${fts}(rowid, ${cols}) VALUES (new.${rowid}, ${news});
END;
CREATE TRIGGER IF NOT EXISTS ${table}_ad AFTER DELETE ON ${table} BEGIN
  INSERT INTO ${fts}(${fts}, rowid, ${cols}) VALUES ('delete', old.${rowid}, ${olds});
END;
CREATE TRIGGER IF NOT EXISTS ${table}_au AFTER UPDATE ON ${table} WHEN ${changed} OR old.${rowid} IS NOT new.${rowid} BEGIN
  INSERT INTO ${fts}(${fts}, rowid, ${cols}) VALUES ('delete', old.${rowid}, ${olds});
  INSERT INTO ${fts}(rowid, ${cols}) VALUES (new.${rowid}, ${news});
END;
`;
}

export const ARTIFACT_FTS_COLUMNS = ['title', 'content'] as const;
export const STAGE_FTS_COLUMNS = ['prompt', 'result', 'thinking'] as const;
// Porter stemming so "retry" finds "retries"; unicode61 folds case and accents in any script.
const TOKENIZER = `tokenize = 'porter unicode61 remove_diacritics 2'`;
// Prefix indexes for 2- and 3-character prefixes: `wo*` or `wor*` then reads one list instead of merging the
// lists of hundreds of words in every statement (docs/performance.md: about 4 times faster at 100 000
// artifacts, for a file about a third larger). Longer prefixes match few enough words to merge.
const PREFIXES = `prefix = '2 3'`;

export const V1_FTS = `
CREATE VIRTUAL TABLE IF NOT EXISTS artifacts_fts USING fts5(title, content, content=artifacts, content_rowid=rowid);
${ftsTriggers('artifacts', 'rowid', ARTIFACT_FTS_COLUMNS)}
`;

export const DROP_FTS = `
DROP TRIGGER IF EXISTS artifacts_ai;
DROP TRIGGER IF EXISTS artifacts_ad;
DROP TRIGGER IF EXISTS artifacts_au;
DROP TABLE IF EXISTS artifacts_fts;
DROP TRIGGER IF EXISTS stages_ai;
DROP TRIGGER IF EXISTS stages_ad;
DROP TRIGGER IF EXISTS stages_au;
DROP TABLE IF EXISTS stages_fts;
`;

export const V1_ARTIFACT_TRIGGERS = ftsTriggers('artifacts', 'rowid', ARTIFACT_FTS_COLUMNS);

/**
 * Version 2: stages and artifacts get an INTEGER PRIMARY KEY (`seq`), because VACUUM may renumber implicit
 * rowids and the FTS indexes map to them. `updated_at` lets editors detect concurrent changes.
 */
export const V2_TABLES = `
CREATE TABLE stages_v2 (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK(type IN ('discovering', 'chasing', 'solving', 'challenging', 'questioning', 'searching', 'imagining', 'building')),
  status TEXT NOT NULL CHECK(status IN ('pending', 'running', 'complete', 'error')),
  prompt TEXT,
  result TEXT,
  thinking TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER
);
INSERT INTO stages_v2 (seq, id, journey_id, type, status, prompt, result, thinking, created_at)
  SELECT rowid, id, journey_id, type, status, prompt, result, thinking, created_at FROM stages;
DROP TABLE stages;
ALTER TABLE stages_v2 RENAME TO stages;

CREATE TABLE artifacts_v2 (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  stage_id TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK(type IN ('document', 'code', 'visualization', 'mindmap', 'other')),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  metadata TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER
);
INSERT INTO artifacts_v2 (seq, id, stage_id, type, title, content, metadata, created_at)
  SELECT rowid, id, stage_id, type, title, content, metadata, created_at FROM artifacts;
DROP TABLE artifacts;
ALTER TABLE artifacts_v2 RENAME TO artifacts;
`;

export const V2_INDEXES = `
DROP INDEX IF EXISTS idx_journeys_status;
DROP INDEX IF EXISTS idx_journeys_created_at;
CREATE INDEX IF NOT EXISTS idx_journeys_created ON journeys(created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_journeys_status_created ON journeys(status, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_stages_journey ON stages(journey_id, created_at, seq);
CREATE INDEX IF NOT EXISTS idx_stages_status ON stages(status);
CREATE INDEX IF NOT EXISTS idx_artifacts_stage ON artifacts(stage_id, created_at, seq);
CREATE INDEX IF NOT EXISTS idx_artifacts_type ON artifacts(type);
CREATE INDEX IF NOT EXISTS idx_artifacts_created_at ON artifacts(created_at DESC);
`;

export const V2_FTS = `
CREATE VIRTUAL TABLE IF NOT EXISTS artifacts_fts USING fts5(title, content, content='artifacts', content_rowid='seq', ${TOKENIZER}, ${PREFIXES});
${ftsTriggers('artifacts', 'seq', ARTIFACT_FTS_COLUMNS)}
CREATE VIRTUAL TABLE IF NOT EXISTS stages_fts USING fts5(prompt, result, thinking, content='stages', content_rowid='seq', ${TOKENIZER}, ${PREFIXES});
${ftsTriggers('stages', 'seq', STAGE_FTS_COLUMNS)}
INSERT INTO artifacts_fts(artifacts_fts) VALUES ('rebuild');
INSERT INTO stages_fts(stages_fts) VALUES ('rebuild');
`;

/** Back to the version-1 shape; implicit rowids keep the values of `seq`. */
export const V2_DOWN_TABLES = `
CREATE TABLE stages_v1 (
  id TEXT PRIMARY KEY,
  journey_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK(type IN ('discovering', 'chasing', 'solving', 'challenging', 'questioning', 'searching', 'imagining', 'building')),
  status TEXT NOT NULL CHECK(status IN ('pending', 'running', 'complete', 'error')),
  prompt TEXT,
  result TEXT,
  thinking TEXT,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (journey_id) REFERENCES journeys(id) ON DELETE CASCADE
);
INSERT INTO stages_v1 (rowid, id, journey_id, type, status, prompt, result, thinking, created_at)
  SELECT seq, id, journey_id, type, status, prompt, result, thinking, created_at FROM stages;
DROP TABLE stages;
ALTER TABLE stages_v1 RENAME TO stages;

CREATE TABLE artifacts_v1 (
  id TEXT PRIMARY KEY,
  stage_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK(type IN ('document', 'code', 'visualization', 'mindmap', 'other')),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  metadata TEXT,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (stage_id) REFERENCES stages(id) ON DELETE CASCADE
);
INSERT INTO artifacts_v1 (rowid, id, stage_id, type, title, content, metadata, created_at)
  SELECT seq, id, stage_id, type, title, content, metadata, created_at FROM artifacts;
DROP TABLE artifacts;
ALTER TABLE artifacts_v1 RENAME TO artifacts;
DROP INDEX IF EXISTS idx_journeys_created;
DROP INDEX IF EXISTS idx_journeys_status_created;
`;
