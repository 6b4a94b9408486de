import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';

// Makes databases exactly as the seed's code did (/work/shared/seed/database-layer-architecture.md), defects
// included, so the store's adoption of real user files can be tested. Do not "fix" anything here.

/** The seed's schema, verbatim: indexes and triggers without IF NOT EXISTS, and FTS triggers that corrupt. */
export const SEED_SCHEMA_SQL = `
-- Journeys table
CREATE TABLE IF NOT EXISTS journeys (
  id TEXT PRIMARY KEY,
  input TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('running', 'paused', 'stopped', 'complete', 'error')),
  settings TEXT NOT NULL, -- JSON
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX idx_journeys_status ON journeys(status);
CREATE INDEX idx_journeys_created_at ON journeys(created_at DESC);

-- Stages table
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

CREATE INDEX idx_stages_journey ON stages(journey_id);
CREATE INDEX idx_stages_status ON stages(status);
CREATE INDEX idx_stages_created_at ON stages(created_at DESC);

-- Artifacts table
CREATE TABLE IF NOT EXISTS artifacts (
  id TEXT PRIMARY KEY,
  stage_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK(type IN ('document', 'code', 'visualization', 'mindmap', 'other')),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  metadata TEXT, -- JSON
  created_at INTEGER NOT NULL,
  FOREIGN KEY (stage_id) REFERENCES stages(id) ON DELETE CASCADE
);

CREATE INDEX idx_artifacts_stage ON artifacts(stage_id);
CREATE INDEX idx_artifacts_type ON artifacts(type);
CREATE INDEX idx_artifacts_created_at ON artifacts(created_at DESC);

-- Full-text search for artifacts
CREATE VIRTUAL TABLE IF NOT EXISTS artifacts_fts USING fts5(
  title,
  content,
  content=artifacts,
  content_rowid=rowid
);

-- Triggers to keep FTS in sync
CREATE TRIGGER artifacts_ai AFTER INSERT ON artifacts BEGIN
  INSERT INTO artifacts_fts(rowid, title, content)
  VALUES (new.rowid, new.title, new.content);
END;

CREATE TRIGGER artifacts_ad AFTER DELETE ON artifacts BEGIN
  DELETE FROM artifacts_fts WHERE rowid = old.rowid;
END;

CREATE TRIGGER artifacts_au AFTER UPDATE ON artifacts BEGIN
  UPDATE artifacts_fts
  SET title = new.title, content = new.content
  WHERE rowid = new.rowid;
END;
`;

/** How the seed's app set the file up: its constructor's `initializeSchema()`, or `runMigrations()`. */
export type SeedOrigin = 'initializeSchema' | 'runMigrations';

export const SEED_STAGE_TYPES = [
  'discovering',
  'chasing',
  'solving',
  'challenging',
  'questioning',
  'searching',
  'imagining',
  'building',
] as const;
export type SeedStageType = (typeof SEED_STAGE_TYPES)[number];
export type SeedArtifactType = 'document' | 'code' | 'visualization' | 'mindmap' | 'other';

/** The desktop app's defaults; `temperature` stands for keys this extension does not know. */
export const SEED_DEFAULT_SETTINGS = {
  stageTypes: [...SEED_STAGE_TYPES],
  maxStages: 8,
  autoAdvance: true,
  model: 'claude-sonnet',
  temperature: 0.7,
};

export interface SeedJourney {
  id: string;
  input: string;
  status: string;
  settings: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface SeedStage {
  id: string;
  journeyId: string;
  type: SeedStageType;
  status: string;
  prompt: string;
  result: string;
  thinking?: string;
  createdAt: number;
}

export interface SeedArtifact {
  id: string;
  stageId: string;
  type: SeedArtifactType;
  title: string;
  content: string;
  metadata: Record<string, unknown>;
  createdAt: number;
}

/** Like the seed's `generateId` from '@lib/utils/id': a prefix, the time and random characters. */
function seedId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
}

/** The seed's DatabaseService over a raw better-sqlite3 connection, with the same SQL and the same mistakes. */
export class SeedDatabase {
  readonly db: Database.Database;

  constructor(path: string, origin: SeedOrigin) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    if (origin === 'initializeSchema') this.initializeSchema();
    else this.runMigrations();
  }

  private initializeSchema(): void {
    this.db.exec(SEED_SCHEMA_SQL);
  }

  /** The seed's runMigrations() with its one migration, 'initial_schema'. */
  private runMigrations(): void {
    this.db.exec(`
    CREATE TABLE IF NOT EXISTS migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    )
  `);
    const current = this.db.prepare('SELECT MAX(version) as version FROM migrations').get() as {
      version: number | null;
    };
    if ((current.version || 0) < 1) {
      this.db.transaction(() => {
        this.db.exec(SEED_SCHEMA_SQL);
        this.db
          .prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(1, 'initial_schema', Date.now());
      })();
    }
  }

  createJourney(input: string, settings: Record<string, unknown> = {}): SeedJourney {
    const journey: SeedJourney = {
      id: seedId('journey'),
      input,
      status: 'running',
      settings: { ...SEED_DEFAULT_SETTINGS, ...settings },
      createdAt: Date.now(),
      updatedAt: Date.now(),
    };
    this.db
      .prepare(
        `
        INSERT INTO journeys (id, input, status, settings, created_at, updated_at)
        VALUES (@id, @input, @status, @settings, @createdAt, @updatedAt)
      `,
      )
      .run({ ...journey, settings: JSON.stringify(journey.settings) });
    return journey;
  }

  updateJourneyStatus(id: string, status: string): void {
    this.db
      .prepare('UPDATE journeys SET status = @status, updated_at = @updatedAt WHERE id = @id')
      .run({ id, status, updatedAt: Date.now() });
  }

  /** The seed's journey.delete. */
  deleteJourney(id: string): void {
    this.db.prepare('DELETE FROM journeys WHERE id = ?').run(id);
  }

  /**
   * A delete made where foreign keys were off. better-sqlite3 happens to turn them on by default, but the seed
   * never asked for them, and the sqlite3 shell, DB Browser and other drivers leave them off; there the
   * cascade never runs and the journey's stages and artifacts stay behind.
   */
  deleteJourneyWithoutCascade(id: string): void {
    this.db.pragma('foreign_keys = OFF');
    try {
      this.deleteJourney(id);
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  createStage(journeyId: string, type: SeedStageType): SeedStage {
    const stage: SeedStage = {
      id: seedId('stage'),
      journeyId,
      type,
      status: 'pending',
      prompt: '',
      result: '',
      createdAt: Date.now(),
    };
    this.db
      .prepare(
        `
        INSERT INTO stages (id, journey_id, type, status, prompt, result, thinking, created_at)
        VALUES (@id, @journeyId, @type, @status, @prompt, @result, @thinking, @createdAt)
      `,
      )
      .run({ ...stage, thinking: stage.thinking || null });
    return stage;
  }

  /** The seed's stage.update: only the given fields. */
  updateStage(
    id: string,
    updates: { status?: string; prompt?: string; result?: string; thinking?: string },
  ): void {
    const fields: string[] = [];
    const values: Record<string, unknown> = { id };
    for (const key of ['status', 'prompt', 'result', 'thinking'] as const) {
      if (updates[key] !== undefined) {
        fields.push(`${key} = @${key}`);
        values[key] = updates[key];
      }
    }
    this.db.prepare(`UPDATE stages SET ${fields.join(', ')} WHERE id = @id`).run(values);
  }

  createArtifact(input: {
    stageId: string;
    type: SeedArtifactType;
    title: string;
    content: string;
    metadata?: Record<string, unknown>;
  }): SeedArtifact {
    const artifact: SeedArtifact = {
      id: seedId('artifact'),
      ...input,
      metadata: input.metadata || {},
      createdAt: Date.now(),
    };
    this.db
      .prepare(
        `
        INSERT INTO artifacts (id, stage_id, type, title, content, metadata, created_at)
        VALUES (@id, @stageId, @type, @title, @content, @metadata, @createdAt)
      `,
      )
      .run({ ...artifact, metadata: JSON.stringify(artifact.metadata) });
    return artifact;
  }

  /** An edit made by the desktop app's editor: fires the seed's broken `artifacts_au` trigger. */
  updateArtifact(id: string, title: string, content: string): void {
    this.db.prepare('UPDATE artifacts SET title = ?, content = ? WHERE id = ?').run(title, content, id);
  }

  /** Fires the seed's broken `artifacts_ad` trigger. */
  deleteArtifact(id: string): void {
    this.db.prepare('DELETE FROM artifacts WHERE id = ?').run(id);
  }

  /** The seed's artifact.search, verbatim. */
  search(query: string, limit = 20): string[] {
    const rows = this.db
      .prepare(
        `
        SELECT a.*
        FROM artifacts_fts fts
        JOIN artifacts a ON a.rowid = fts.rowid
        WHERE artifacts_fts MATCH ?
        ORDER BY rank
        LIMIT ?
      `,
      )
      .all(query, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  close(): void {
    this.db.close();
  }
}
