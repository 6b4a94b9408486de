import type { ArtifactDto } from '../../src/protocol';
import { el } from '../dom';
import type { RenderContext } from './context';

// Mindmaps load their renderer (parser, layout, interactive SVG) only when one is shown.

export async function renderMindmapArtifact(
  artifact: ArtifactDto,
  container: HTMLElement,
  _context: RenderContext,
): Promise<void> {
  const { renderMindmap } = await import('../mindmap/index');
  try {
    container.append(renderMindmap(artifact.content, artifact.metadata.format, artifact.title, artifact.id));
  } catch (error) {
    container.append(
      el('p', { class: 'render-note', role: 'note' }, (error as Error).message),
      el('pre', { class: 'plain-text', tabindex: 0 }, artifact.content),
    );
  }
}
