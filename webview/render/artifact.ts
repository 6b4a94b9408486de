import type { ArtifactDto, ArtifactTypeDto } from '../../src/protocol';
import { renderCode } from './code';
import type { ArtifactRenderer, RenderContext } from './context';
import { renderDocument } from './document';
import { renderMindmapArtifact } from './mindmap';
import { renderOther } from './other';
import { renderVisualization } from './visualization';

const RENDERERS: Record<ArtifactTypeDto, ArtifactRenderer> = {
  document: renderDocument,
  code: renderCode,
  visualization: renderVisualization,
  mindmap: renderMindmapArtifact,
  other: renderOther,
};

/** Renders an artifact's body into `container` by its type; unknown types fall back to "other". */
export function renderArtifactBody(
  artifact: ArtifactDto,
  container: HTMLElement,
  context: RenderContext,
): Promise<void> {
  container.classList.add('artifact-body', `type-${artifact.type}`);
  const renderer = RENDERERS[artifact.type] ?? renderOther;
  return renderer(artifact, container, context);
}
