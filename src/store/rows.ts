import { parseJsonObject } from './json';
import {
  DEFAULT_SETTINGS,
  type Artifact,
  type ArtifactSummary,
  type ArtifactType,
  type Journey,
  type JourneySettings,
  type JourneyStatus,
  type JourneySummary,
  type Stage,
  type StageStatus,
  type StageSummary,
  type StageType,
} from './types';

// Raw rows as SQLite returns them, and their mapping to domain objects.

export interface JourneyRow {
  id: string;
  input: string;
  status: JourneyStatus;
  settings: string;
  created_at: number;
  updated_at: number;
}
export interface JourneySummaryRow extends JourneyRow {
  stage_count: number;
  artifact_count: number;
}
export interface StageRow {
  seq: number;
  id: string;
  journey_id: string;
  type: StageType;
  status: StageStatus;
  prompt: string | null;
  result: string | null;
  thinking: string | null;
  created_at: number;
  updated_at: number | null;
}
export interface StageSummaryRow {
  id: string;
  journey_id: string;
  type: StageType;
  status: StageStatus;
  prompt_head: string | null;
  created_at: number;
  artifact_count: number;
}
export interface ArtifactRow {
  seq: number;
  id: string;
  stage_id: string;
  type: ArtifactType;
  title: string;
  content: string;
  metadata: string | null;
  created_at: number;
  updated_at: number | null;
}
export interface ArtifactSummaryRow {
  id: string;
  stage_id: string;
  type: ArtifactType;
  title: string;
  metadata: string | null;
  content_bytes: number;
  created_at: number;
  updated_at: number | null;
}

export function parseSettings(text: string | null): JourneySettings {
  const stored = parseJsonObject(text);
  const settings: JourneySettings = { ...DEFAULT_SETTINGS, ...stored };
  // A fresh copy of the default list only when the row has none (the defaults are shared and frozen).
  if (stored === undefined || !('stageTypes' in stored))
    settings.stageTypes = [...DEFAULT_SETTINGS.stageTypes];
  return settings;
}

export function mapJourney(row: JourneyRow): Journey {
  return {
    id: row.id,
    input: row.input,
    status: row.status,
    settings: parseSettings(row.settings),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Built in one object, not spread from a Journey: a page maps up to a thousand of these. */
export function mapJourneySummary(row: JourneySummaryRow): JourneySummary {
  return {
    id: row.id,
    input: row.input,
    status: row.status,
    settings: parseSettings(row.settings),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    stageCount: row.stage_count,
    artifactCount: row.artifact_count,
  };
}

export function mapStage(row: StageRow): Stage {
  const stage: Stage = {
    id: row.id,
    journeyId: row.journey_id,
    type: row.type,
    status: row.status,
    prompt: row.prompt ?? '',
    result: row.result ?? '',
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
  };
  if (row.thinking !== null && row.thinking !== '') stage.thinking = row.thinking;
  return stage;
}

export function firstLine(text: string | null, max = 200): string {
  const line = (text ?? '').trimStart().split(/\r?\n/, 1)[0] ?? '';
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}

export function mapStageSummary(row: StageSummaryRow): StageSummary {
  return {
    id: row.id,
    journeyId: row.journey_id,
    type: row.type,
    status: row.status,
    promptPreview: firstLine(row.prompt_head),
    createdAt: row.created_at,
    artifactCount: row.artifact_count,
  };
}

export function mapArtifact(row: ArtifactRow): Artifact {
  return {
    id: row.id,
    stageId: row.stage_id,
    type: row.type,
    title: row.title,
    content: row.content,
    metadata: parseJsonObject(row.metadata) ?? {},
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
  };
}

export function mapArtifactSummary(row: ArtifactSummaryRow): ArtifactSummary {
  return {
    id: row.id,
    stageId: row.stage_id,
    type: row.type,
    title: row.title,
    metadata: parseJsonObject(row.metadata) ?? {},
    contentBytes: row.content_bytes,
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
  };
}
