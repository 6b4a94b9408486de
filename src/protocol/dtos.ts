// Plain data the host sends to the webview. Mirrors the store's types without importing them, so the
// webview bundle never pulls in store code; `src/panels/dtos.ts` maps one to the other.

export type JourneyStatusDto = 'running' | 'paused' | 'stopped' | 'complete' | 'error';
export type StageStatusDto = 'pending' | 'running' | 'complete' | 'error';
export type ArtifactTypeDto = 'document' | 'code' | 'visualization' | 'mindmap' | 'other';

/** Actions the journey view offers; each is allowed only from some statuses (see `allowedJourneyActions`). */
export const JOURNEY_ACTIONS = ['pause', 'resume', 'stop', 'complete'] as const;
export type JourneyAction = (typeof JOURNEY_ACTIONS)[number];

/** Where an artifact sits, for the header line "journey › stage". */
export interface ArtifactPlace {
  journeyId: string;
  journeyInput: string;
  stageId: string;
  stageType: string;
}

/** An artifact with its content, as one panel or one inline block shows it. */
export interface ArtifactDto {
  id: string;
  type: ArtifactTypeDto;
  title: string;
  content: string;
  metadata: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  place?: ArtifactPlace;
}

/** An artifact without its content, for the journey timeline. */
export interface ArtifactSummaryDto {
  id: string;
  type: ArtifactTypeDto;
  title: string;
  metadata: Record<string, unknown>;
  contentBytes: number;
  createdAt: number;
  updatedAt: number;
}

export interface StageDto {
  id: string;
  type: string;
  status: StageStatusDto;
  prompt: string;
  result: string;
  thinking?: string;
  createdAt: number;
  updatedAt: number;
  artifacts: ArtifactSummaryDto[];
}

export interface JourneyDto {
  id: string;
  input: string;
  status: JourneyStatusDto;
  settings: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  stages: StageDto[];
}

/** What the host lets this webview do; decided once per load from settings and available commands. */
export interface WebviewOptionsDto {
  allowRemoteImages: boolean;
}

/** Which journey actions make sense from a status (the same transitions as the tree's context menus). */
export function allowedJourneyActions(status: JourneyStatusDto): JourneyAction[] {
  switch (status) {
    case 'running':
      return ['pause', 'stop', 'complete'];
    case 'paused':
      return ['resume', 'stop', 'complete'];
    case 'stopped':
    case 'error':
      return ['complete'];
    case 'complete':
      return [];
  }
}

/** The status a journey moves to after an action. */
export function statusAfter(action: JourneyAction): JourneyStatusDto {
  switch (action) {
    case 'pause':
      return 'paused';
    case 'resume':
      return 'running';
    case 'stop':
      return 'stopped';
    case 'complete':
      return 'complete';
  }
}
