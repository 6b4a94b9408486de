import {
  JOURNEY_ACTIONS,
  type ArtifactDto,
  type JourneyAction,
  type JourneyDto,
  type WebviewOptionsDto,
} from './dtos';

// Every message between the host and a webview. The webview speaks first (`ready`); the host never posts
// before it, so nothing is lost while the page loads.

/** What a panel shows; also the state a serializer gets back after a reload. */
export type ViewTarget = { kind: 'artifact'; artifactId: string } | { kind: 'journey'; journeyId: string };

export type ToWebviewMessage =
  | { type: 'showArtifact'; artifact: ArtifactDto; options: WebviewOptionsDto }
  /**
   * Sent just before the `showArtifact` of a long Markdown document: the same artifact with only its head as
   * content (see markdownPreviewHead), so the first screen does not wait for the whole to cross over.
   */
  | { type: 'showArtifactHead'; artifact: ArtifactDto; options: WebviewOptionsDto; wholeBytes: number }
  | { type: 'showJourney'; journey: JourneyDto; options: WebviewOptionsDto; scrollToStageId?: string }
  /** The content of one artifact of the journey view, answering `loadArtifact`. */
  | { type: 'artifactContent'; artifact: ArtifactDto }
  | { type: 'scrollToStage'; stageId: string }
  /** The thing the panel shows is gone or cannot be read; `message` is a sentence for a person. */
  | { type: 'unavailable'; target: ViewTarget; message: string }
  | { type: 'notice'; level: 'info' | 'error'; message: string };

export type FromWebviewMessage =
  | { type: 'ready'; target?: ViewTarget }
  | { type: 'openLink'; href: string }
  | { type: 'openArtifact'; artifactId: string }
  | { type: 'openArtifactSource'; artifactId: string }
  | { type: 'openJourney'; journeyId: string; stageId?: string }
  | { type: 'loadArtifact'; artifactId: string }
  | { type: 'journeyAction'; journeyId: string; action: JourneyAction }
  | { type: 'copy'; text: string }
  | { type: 'exportArtifact'; artifactId: string };

export type FromWebviewType = FromWebviewMessage['type'];

const MAX_ID = 200;
const MAX_TEXT = 50 * 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(record: Record<string, unknown>, key: string, max = MAX_ID): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

function parseTarget(value: unknown): ViewTarget | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'artifact') {
    const artifactId = str(value, 'artifactId');
    return artifactId ? { kind: 'artifact', artifactId } : undefined;
  }
  if (value.kind === 'journey') {
    const journeyId = str(value, 'journeyId');
    return journeyId ? { kind: 'journey', journeyId } : undefined;
  }
  return undefined;
}

/**
 * Checks a message that came from a webview. The page renders untrusted content, so the host treats what
 * it says as input: anything malformed is dropped (undefined) rather than half-handled.
 */
export function parseFromWebviewMessage(value: unknown): FromWebviewMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  const type = value.type as FromWebviewType;
  switch (type) {
    case 'ready': {
      const target = parseTarget(value.target);
      return target ? { type, target } : { type };
    }
    case 'openLink': {
      const href = str(value, 'href', 8192);
      return href ? { type, href } : undefined;
    }
    case 'openArtifact':
    case 'openArtifactSource':
    case 'loadArtifact':
    case 'exportArtifact': {
      const artifactId = str(value, 'artifactId');
      return artifactId ? { type, artifactId } : undefined;
    }
    case 'openJourney': {
      const journeyId = str(value, 'journeyId');
      const stageId = str(value, 'stageId');
      if (!journeyId) return undefined;
      return stageId ? { type, journeyId, stageId } : { type, journeyId };
    }
    case 'journeyAction': {
      const journeyId = str(value, 'journeyId');
      const action = value.action;
      if (!journeyId || !(JOURNEY_ACTIONS as readonly unknown[]).includes(action)) return undefined;
      return { type, journeyId, action: action as JourneyAction };
    }
    case 'copy': {
      const text = value.text;
      return typeof text === 'string' && text.length <= MAX_TEXT ? { type, text } : undefined;
    }
    default:
      return undefined;
  }
}

/** Reads a serializer's saved state back into a target; the state was written by the webview. */
export function targetFromState(state: unknown): ViewTarget | undefined {
  return isRecord(state) ? parseTarget(state.target) : undefined;
}
