import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database';
import { StoreError } from './errors';
import { generateId } from './ids';
import { mapStage, mapStageSummary, type StageRow, type StageSummaryRow } from './rows';
import {
  STAGE_STATUSES,
  STAGE_TYPES,
  type NewStage,
  type Stage,
  type StageSummary,
  type StageUpdate,
} from './types';
import { requireId, requireOneOf, requireText, requireTimestamp } from './validate';

export class StageRepository {
  private readonly insert: Statement;
  private readonly byId: Statement;
  private readonly byJourney: Statement;
  private readonly summariesByJourney: Statement;
  private readonly updateRow: Statement;
  private readonly deleteRow: Statement;
  private readonly journeyExists: Statement;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO stages (id, journey_id, type, status, prompt, result, thinking, created_at, updated_at)
       VALUES (@id, @journeyId, @type, @status, @prompt, @result, @thinking, @createdAt, @updatedAt)`,
    );
    this.byId = db.prepare('SELECT * FROM stages WHERE id = ?');
    this.byJourney = db.prepare('SELECT * FROM stages WHERE journey_id = ? ORDER BY created_at, seq');
    this.summariesByJourney = db.prepare(
      `SELECT s.id, s.journey_id, s.type, s.status, substr(s.prompt, 1, 400) AS prompt_head, s.created_at,
              (SELECT count(*) FROM artifacts a WHERE a.stage_id = s.id) AS artifact_count
       FROM stages s WHERE s.journey_id = ? ORDER BY s.created_at, s.seq`,
    );
    this.updateRow = db.prepare(
      `UPDATE stages SET status = @status, prompt = @prompt, result = @result, thinking = @thinking,
              updated_at = @updatedAt
       WHERE id = @id`,
    );
    this.deleteRow = db.prepare('DELETE FROM stages WHERE id = ?');
    this.journeyExists = db.prepare('SELECT 1 FROM journeys WHERE id = ?');
  }

  create(input: NewStage): Stage {
    const journeyId = requireId(input.journeyId, 'journeyId');
    if (this.journeyExists.get(journeyId) === undefined) {
      throw new StoreError(
        'NOT_FOUND',
        `Journey ${journeyId} does not exist, so no stage can be added to it.`,
      );
    }
    const createdAt =
      input.createdAt === undefined ? Date.now() : requireTimestamp(input.createdAt, 'createdAt');
    const stage: Stage = {
      id: input.id === undefined ? generateId('stage') : requireId(input.id, 'Stage id'),
      journeyId,
      type: requireOneOf(input.type, STAGE_TYPES, 'Stage type'),
      status:
        input.status === undefined ? 'pending' : requireOneOf(input.status, STAGE_STATUSES, 'Stage status'),
      prompt: input.prompt === undefined ? '' : requireText(input.prompt, 'prompt', { allowEmpty: true }),
      result: input.result === undefined ? '' : requireText(input.result, 'result', { allowEmpty: true }),
      createdAt,
      updatedAt: createdAt,
    };
    if (input.thinking !== undefined && input.thinking !== '') {
      stage.thinking = requireText(input.thinking, 'thinking', { allowEmpty: true });
    }
    this.insert.run({ ...stage, thinking: stage.thinking ?? null });
    return stage;
  }

  findById(id: string): Stage | undefined {
    const row = this.byId.get(requireId(id, 'Stage id')) as StageRow | undefined;
    return row && mapStage(row);
  }

  getById(id: string): Stage {
    const stage = this.findById(id);
    if (!stage) throw new StoreError('NOT_FOUND', `Stage ${id} does not exist (it may have been deleted).`);
    return stage;
  }

  /** Stages in the order they ran; ties on created_at keep insertion order. */
  findByJourneyId(journeyId: string): Stage[] {
    return (this.byJourney.all(requireId(journeyId, 'journeyId')) as StageRow[]).map(mapStage);
  }

  /** For trees: no prompt/result/thinking bodies, with artifact counts. */
  listSummaries(journeyId: string): StageSummary[] {
    return (this.summariesByJourney.all(requireId(journeyId, 'journeyId')) as StageSummaryRow[]).map(
      mapStageSummary,
    );
  }

  /** Applies only the given fields; an empty update returns the stage unchanged. Throws NOT_FOUND. */
  update(id: string, changes: StageUpdate): Stage {
    const current = this.getById(id);
    const next: Stage = { ...current };
    let changed = false;
    if (changes.status !== undefined) {
      next.status = requireOneOf(changes.status, STAGE_STATUSES, 'Stage status');
      changed = true;
    }
    if (changes.prompt !== undefined) {
      next.prompt = requireText(changes.prompt, 'prompt', { allowEmpty: true });
      changed = true;
    }
    if (changes.result !== undefined) {
      next.result = requireText(changes.result, 'result', { allowEmpty: true });
      changed = true;
    }
    if (changes.thinking !== undefined) {
      if (changes.thinking === null || changes.thinking === '') delete next.thinking;
      else next.thinking = requireText(changes.thinking, 'thinking', { allowEmpty: true });
      changed = true;
    }
    if (!changed) return current;
    next.updatedAt = Math.max(Date.now(), current.updatedAt + 1);
    this.updateRow.run({ ...next, thinking: next.thinking ?? null });
    return next;
  }

  /** Deletes the stage and its artifacts. Returns false when it was not there. */
  delete(id: string): boolean {
    return this.deleteRow.run(requireId(id, 'Stage id')).changes > 0;
  }
}
