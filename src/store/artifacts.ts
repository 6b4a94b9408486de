import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database';
import { StoreError } from './errors';
import { generateId } from './ids';
import { mapArtifact, mapArtifactSummary, type ArtifactRow, type ArtifactSummaryRow } from './rows';
import {
  ARTIFACT_TYPES,
  type Artifact,
  type ArtifactLocation,
  type ArtifactSummary,
  type ArtifactUpdate,
  type NewArtifact,
  type StageType,
} from './types';
import {
  requireId,
  requireOneOf,
  requirePlainObject,
  requireText,
  requireTimestamp,
  toJsonText,
} from './validate';

const SUMMARY_COLUMNS = `id, stage_id, type, title, metadata, octet_length(content) AS content_bytes, created_at, updated_at`;

export class ArtifactRepository {
  private readonly insert: Statement;
  private readonly byId: Statement;
  private readonly byStage: Statement;
  private readonly summariesByStage: Statement;
  private readonly summaryById: Statement;
  private readonly updateRow: Statement;
  private readonly deleteRow: Statement;
  private readonly stageExists: Statement;
  private readonly location: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO artifacts (id, stage_id, type, title, content, metadata, created_at, updated_at)
       VALUES (@id, @stageId, @type, @title, @content, @metadata, @createdAt, @updatedAt)`,
    );
    this.byId = db.prepare('SELECT * FROM artifacts WHERE id = ?');
    this.byStage = db.prepare('SELECT * FROM artifacts WHERE stage_id = ? ORDER BY created_at, seq');
    this.summariesByStage = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM artifacts WHERE stage_id = ? ORDER BY created_at, seq`,
    );
    this.summaryById = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM artifacts WHERE id = ?`);
    this.updateRow = db.prepare(
      `UPDATE artifacts SET type = @type, title = @title, content = @content, metadata = @metadata,
              updated_at = @updatedAt
       WHERE id = @id`,
    );
    this.deleteRow = db.prepare('DELETE FROM artifacts WHERE id = ?');
    this.stageExists = db.prepare('SELECT 1 FROM stages WHERE id = ?');
    this.location = db.prepare(
      `SELECT a.id AS artifactId, s.id AS stageId, s.journey_id AS journeyId, s.type AS stageType,
              j.input AS journeyInput
       FROM artifacts a JOIN stages s ON s.id = a.stage_id JOIN journeys j ON j.id = s.journey_id
       WHERE a.id = ?`,
    );
  }

  create(input: NewArtifact): Artifact {
    const stageId = requireId(input.stageId, 'stageId');
    if (this.stageExists.get(stageId) === undefined) {
      throw new StoreError(
        'NOT_FOUND',
        `Stage ${stageId} does not exist, so no artifact can be added to it.`,
      );
    }
    const createdAt =
      input.createdAt === undefined ? Date.now() : requireTimestamp(input.createdAt, 'createdAt');
    const artifact: Artifact = {
      id: input.id === undefined ? generateId('artifact') : requireId(input.id, 'Artifact id'),
      stageId,
      type: requireOneOf(input.type, ARTIFACT_TYPES, 'Artifact type'),
      title: requireText(input.title, 'The artifact title'),
      content: requireText(input.content, 'The artifact content', { allowEmpty: true }),
      metadata: input.metadata === undefined ? {} : requirePlainObject(input.metadata, 'metadata'),
      createdAt,
      updatedAt: createdAt,
    };
    this.insert.run({ ...artifact, metadata: toJsonText(artifact.metadata, 'metadata') });
    return artifact;
  }

  findById(id: string): Artifact | undefined {
    const row = this.byId.get(requireId(id, 'Artifact id')) as ArtifactRow | undefined;
    return row && mapArtifact(row);
  }

  getById(id: string): Artifact {
    const artifact = this.findById(id);
    if (!artifact)
      throw new StoreError('NOT_FOUND', `Artifact ${id} does not exist (it may have been deleted).`);
    return artifact;
  }

  findSummaryById(id: string): ArtifactSummary | undefined {
    const row = this.summaryById.get(requireId(id, 'Artifact id')) as ArtifactSummaryRow | undefined;
    return row && mapArtifactSummary(row);
  }

  findByStageId(stageId: string): Artifact[] {
    return (this.byStage.all(requireId(stageId, 'stageId')) as ArtifactRow[]).map(mapArtifact);
  }

  /** For trees: everything but the content, whose size is read without loading it. */
  listSummaries(stageId: string): ArtifactSummary[] {
    return (this.summariesByStage.all(requireId(stageId, 'stageId')) as ArtifactSummaryRow[]).map(
      mapArtifactSummary,
    );
  }

  locate(id: string): ArtifactLocation | undefined {
    return this.location.get(requireId(id, 'Artifact id')) as
      (ArtifactLocation & { stageType: StageType }) | undefined;
  }

  /**
   * Applies only the given fields. `expectedUpdatedAt` guards against overwriting a change made elsewhere
   * since the caller read the artifact (CONFLICT). Throws NOT_FOUND.
   */
  update(id: string, changes: ArtifactUpdate, options: { expectedUpdatedAt?: number } = {}): Artifact {
    // Read and write under one write lock, so another program cannot slip a change in between.
    return this.db.transaction(() => this.updateLocked(id, changes, options)).immediate();
  }

  private updateLocked(
    id: string,
    changes: ArtifactUpdate,
    options: { expectedUpdatedAt?: number },
  ): Artifact {
    const current = this.getById(id);
    if (options.expectedUpdatedAt !== undefined && current.updatedAt !== options.expectedUpdatedAt) {
      throw new StoreError(
        'CONFLICT',
        `"${current.title}" was changed elsewhere since it was opened; reload it before saving.`,
      );
    }
    const next: Artifact = { ...current };
    if (changes.type !== undefined) next.type = requireOneOf(changes.type, ARTIFACT_TYPES, 'Artifact type');
    if (changes.title !== undefined) next.title = requireText(changes.title, 'The artifact title');
    if (changes.content !== undefined) {
      next.content = requireText(changes.content, 'The artifact content', { allowEmpty: true });
    }
    if (changes.metadata !== undefined) next.metadata = requirePlainObject(changes.metadata, 'metadata');
    if (Object.values(changes).every((v) => v === undefined)) return current;
    next.updatedAt = Math.max(Date.now(), current.updatedAt + 1);
    this.updateRow.run({ ...next, metadata: toJsonText(next.metadata, 'metadata') });
    return next;
  }

  /** Returns false when it was not there. */
  delete(id: string): boolean {
    return this.deleteRow.run(requireId(id, 'Artifact id')).changes > 0;
  }
}
