// Domain types of the Perpetua store. Row shapes mirror the seed's schema; JSON columns are parsed.

export const JOURNEY_STATUSES = ['running', 'paused', 'stopped', 'complete', 'error'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export const STAGE_TYPES = [
  'discovering',
  'chasing',
  'solving',
  'challenging',
  'questioning',
  'searching',
  'imagining',
  'building',
] as const;
export type StageType = (typeof STAGE_TYPES)[number];

export const STAGE_STATUSES = ['pending', 'running', 'complete', 'error'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export const ARTIFACT_TYPES = ['document', 'code', 'visualization', 'mindmap', 'other'] as const;
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

export interface JourneySettings {
  /** Stage types the journey may run, in order. */
  stageTypes: StageType[];
  /** Upper bound on stages before the journey completes by itself. */
  maxStages: number;
  /** Whether the next stage starts without asking. */
  autoAdvance: boolean;
  /** Model identifier the desktop app used; informational here. */
  model: string;
  /** Keys written by other Perpetua versions are kept as they are. */
  [key: string]: unknown;
}

export const DEFAULT_SETTINGS: Readonly<JourneySettings> = Object.freeze({
  stageTypes: [...STAGE_TYPES],
  maxStages: 8,
  autoAdvance: true,
  model: 'default',
});

export interface Journey {
  id: string;
  input: string;
  status: JourneyStatus;
  settings: JourneySettings;
  createdAt: number;
  updatedAt: number;
}

/** A journey as listed in the tree: no stage content, but counts. */
export interface JourneySummary extends Journey {
  stageCount: number;
  artifactCount: number;
}

export interface NewJourney {
  input: string;
  status?: JourneyStatus;
  settings?: Partial<JourneySettings>;
  /** Optional explicit values, used by import and tests. */
  id?: string;
  createdAt?: number;
}

export interface JourneyUpdate {
  input?: string;
  status?: JourneyStatus;
  settings?: Partial<JourneySettings>;
}

export interface Stage {
  id: string;
  journeyId: string;
  type: StageType;
  status: StageStatus;
  prompt: string;
  result: string;
  thinking?: string;
  createdAt: number;
  /** Last write through this store; the creation time for rows written by older Perpetua versions. */
  updatedAt: number;
}

export interface StageSummary {
  id: string;
  journeyId: string;
  type: StageType;
  status: StageStatus;
  /** The first line of the prompt, at most 200 characters. */
  promptPreview: string;
  createdAt: number;
  artifactCount: number;
}

export interface NewStage {
  journeyId: string;
  type: StageType;
  status?: StageStatus;
  prompt?: string;
  result?: string;
  thinking?: string;
  id?: string;
  createdAt?: number;
}

export interface StageUpdate {
  status?: StageStatus;
  prompt?: string;
  result?: string;
  /** `null` clears the thinking. */
  thinking?: string | null;
}

export type ArtifactMetadata = Record<string, unknown>;

export interface Artifact {
  id: string;
  stageId: string;
  type: ArtifactType;
  title: string;
  content: string;
  metadata: ArtifactMetadata;
  createdAt: number;
  updatedAt: number;
}

/** An artifact without its content, for trees and journey outlines. */
export interface ArtifactSummary {
  id: string;
  stageId: string;
  type: ArtifactType;
  title: string;
  metadata: ArtifactMetadata;
  /** Size of the content in UTF-8 bytes, read without loading it. */
  contentBytes: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewArtifact {
  stageId: string;
  type: ArtifactType;
  title: string;
  content: string;
  metadata?: ArtifactMetadata;
  id?: string;
  createdAt?: number;
}

export interface ArtifactUpdate {
  type?: ArtifactType;
  title?: string;
  content?: string;
  metadata?: ArtifactMetadata;
}

export interface StageWithArtifacts extends Stage {
  artifacts: ArtifactSummary[];
}

export interface JourneyWithStages extends Journey {
  stages: StageWithArtifacts[];
}

export interface Page<T> {
  items: T[];
  /** Pass back as `after` for the next page; undefined on the last page. */
  nextCursor?: string;
}

export interface JourneyListOptions {
  status?: JourneyStatus | readonly JourneyStatus[];
  limit?: number;
  after?: string;
}

/** Where an artifact or stage sits, for labels and paths. */
export interface ArtifactLocation {
  artifactId: string;
  stageId: string;
  journeyId: string;
  stageType: StageType;
  journeyInput: string;
}

export function isJourneyStatus(value: unknown): value is JourneyStatus {
  return typeof value === 'string' && (JOURNEY_STATUSES as readonly string[]).includes(value);
}
export function isStageType(value: unknown): value is StageType {
  return typeof value === 'string' && (STAGE_TYPES as readonly string[]).includes(value);
}
export function isStageStatus(value: unknown): value is StageStatus {
  return typeof value === 'string' && (STAGE_STATUSES as readonly string[]).includes(value);
}
export function isArtifactType(value: unknown): value is ArtifactType {
  return typeof value === 'string' && (ARTIFACT_TYPES as readonly string[]).includes(value);
}
