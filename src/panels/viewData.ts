import type { ToWebviewMessage, ViewTarget, WebviewOptionsDto } from '../protocol';
import type { Store } from '../store';
import { toArtifactDto, toJourneyDto } from './dtos';

export const ARTIFACT_VIEW_TYPE = 'perpetua.artifact';
export const JOURNEY_VIEW_TYPE = 'perpetua.journey';

export function viewTypeOf(target: ViewTarget): string {
  return target.kind === 'artifact' ? ARTIFACT_VIEW_TYPE : JOURNEY_VIEW_TYPE;
}

export function targetKey(target: ViewTarget): string {
  return target.kind === 'artifact' ? `artifact:${target.artifactId}` : `journey:${target.journeyId}`;
}

/** What a panel shows right now: the message to post, its tab title, and a version to skip no-op refreshes. */
export interface ViewData {
  message: ToWebviewMessage;
  title: string;
  version: string;
}

function shorten(text: string, max: number): string {
  const line = (text.split('\n', 1)[0] ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Reads the target from the store; a missing row becomes an `unavailable` message, not an exception. */
export function loadView(store: Store, target: ViewTarget, options: WebviewOptionsDto): ViewData {
  if (target.kind === 'artifact') {
    const artifact = store.artifacts.findById(target.artifactId);
    if (!artifact) return unavailable(target, 'This artifact no longer exists in the Perpetua database.');
    const dto = toArtifactDto(artifact, store.artifacts.locate(artifact.id));
    return {
      message: { type: 'showArtifact', artifact: dto, options },
      title: shorten(artifact.title, 40),
      version: `${artifact.updatedAt}:${JSON.stringify(dto.place ?? null)}:${JSON.stringify(options)}`,
    };
  }
  const journey = store.journeys.getWithStages(target.journeyId);
  if (!journey) return unavailable(target, 'This journey no longer exists in the Perpetua database.');
  const dto = toJourneyDto(journey);
  return {
    message: { type: 'showJourney', journey: dto, options },
    title: `Journey: ${shorten(journey.input, 36)}`,
    // The DTO holds no artifact content, so comparing it whole is cheap even for big journeys.
    version: JSON.stringify([dto, options]),
  };
}

export function unavailable(target: ViewTarget, message: string): ViewData {
  return {
    message: { type: 'unavailable', target, message },
    title: target.kind === 'artifact' ? 'Missing artifact' : 'Missing journey',
    version: `unavailable:${message}`,
  };
}
