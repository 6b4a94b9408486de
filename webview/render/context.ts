import type { ArtifactDto } from '../../src/protocol';
import type { SanitizeOptions } from './sanitize';

/** What every artifact renderer gets besides the artifact. */
export interface RenderContext {
  options: SanitizeOptions;
  /** Inside the journey view (no page header): renderers add their own small toolbars. */
  inline: boolean;
  /** False once a newer render has taken this one's place: long renders stop instead of finishing unseen. */
  isWanted?: () => boolean;
}

export type ArtifactRenderer = (
  artifact: ArtifactDto,
  container: HTMLElement,
  context: RenderContext,
) => Promise<void>;

export function metadataString(artifact: ArtifactDto, key: string): string | undefined {
  const value = artifact.metadata[key];
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : undefined;
}
