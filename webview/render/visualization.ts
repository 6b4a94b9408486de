import type { ArtifactDto } from '../../src/protocol';
import { drawingPlaceholder, el } from '../dom';
import { metadataString, type RenderContext } from './context';
import { drawMermaid } from './mermaidBlocks';
import { sanitizeSvg, type SanitizeOptions } from './sanitize';
import { onThemeChange } from './theme';

// Visualizations by `metadata.format`:
//   svg                  → the SVG itself, sanitized (DOMPurify SVG profile)
//   mermaid              → drawn by Mermaid (lazy chunk)
//   vega-lite, vega      → drawn by vega-embed as SVG (lazy chunk), then sanitized
// Without a format the content is sniffed (`<svg`, a Vega `$schema`, a Mermaid diagram keyword).
// Any other format: the source, with a note naming the format.

export type VisualizationFormat = 'svg' | 'mermaid' | 'vega-lite' | 'vega';

const MERMAID_START =
  /^\s*(%%[^\n]*\n\s*)*(flowchart|graph|sequenceDiagram|classDiagram|stateDiagram(-v2)?|erDiagram|gantt|pie|journey|gitGraph|mindmap|timeline|quadrantChart|xychart-beta|sankey-beta|block-beta|requirementDiagram|C4Context)\b/;

export function visualizationFormat(artifact: ArtifactDto): VisualizationFormat | { unknown: string } {
  const format = metadataString(artifact, 'format');
  if (format === 'svg' || format === 'image/svg+xml') return 'svg';
  if (format === 'mermaid' || format === 'mmd') return 'mermaid';
  if (format === 'vega-lite' || format === 'vegalite' || format === 'vl') return 'vega-lite';
  if (format === 'vega') return 'vega';
  if (format !== undefined) return { unknown: format };
  const content = artifact.content.trimStart();
  if (/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(content)) return 'svg';
  if (MERMAID_START.test(content)) return 'mermaid';
  const schema = /"\$schema"\s*:\s*"([^"]+)"/.exec(content.slice(0, 500))?.[1] ?? '';
  if (schema.includes('vega-lite')) return 'vega-lite';
  if (schema.includes('vega')) return 'vega';
  return { unknown: '(none)' };
}

function sourceWithNote(container: HTMLElement, note: string, source: string): void {
  container.append(
    el('p', { class: 'render-note', role: 'note' }, note),
    el('pre', { class: 'plain-text', tabindex: 0 }, source),
  );
}

async function drawVega(
  artifact: ArtifactDto,
  target: HTMLElement,
  mode: 'vega' | 'vega-lite',
  options: SanitizeOptions,
): Promise<void> {
  let spec: unknown;
  try {
    spec = JSON.parse(artifact.content);
  } catch (error) {
    sourceWithNote(
      target,
      `This ${mode} chart is not valid JSON (${(error as Error).message}).`,
      artifact.content,
    );
    return;
  }
  target.setAttribute('aria-busy', 'true');
  if (!target.firstChild) target.replaceChildren(drawingPlaceholder('the chart'));
  try {
    const { renderVega } = await import('./vegaRenderer');
    target.replaceChildren(await renderVega(spec, mode, options));
  } catch (error) {
    target.replaceChildren();
    sourceWithNote(
      target,
      `This ${mode} chart could not be drawn: ${(error as Error).message}`,
      artifact.content,
    );
  } finally {
    target.removeAttribute('aria-busy');
  }
}

export async function renderVisualization(
  artifact: ArtifactDto,
  container: HTMLElement,
  context: RenderContext,
): Promise<void> {
  const format = visualizationFormat(artifact);
  if (typeof format === 'object') {
    sourceWithNote(
      container,
      format.unknown === '(none)'
        ? 'This visualization has no format Perpetua can draw (svg, mermaid, vega-lite, vega); its source is shown.'
        : `Perpetua cannot draw visualizations in the format "${format.unknown}" (it draws svg, mermaid, vega-lite and vega); its source is shown.`,
      artifact.content,
    );
    return;
  }
  const figure = el('div', { class: `visualization format-${format}` });
  container.append(figure);
  switch (format) {
    case 'svg': {
      const fragment = sanitizeSvg(artifact.content, context.options);
      const svg = fragment.querySelector('svg');
      if (!svg) {
        sourceWithNote(
          figure,
          'This SVG has no drawable <svg> element after removing unsafe parts.',
          artifact.content,
        );
        return;
      }
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', svg.querySelector('title')?.textContent ?? artifact.title);
      figure.append(fragment);
      return;
    }
    case 'mermaid':
      await drawMermaid(figure, artifact.content, context.options);
      return;
    case 'vega-lite':
    case 'vega': {
      await drawVega(artifact, figure, format, context.options);
      // Chart colours come from the theme when drawn, so redraw after a theme change.
      const stop = onThemeChange(() => {
        if (!figure.isConnected) {
          stop();
          return;
        }
        void drawVega(artifact, figure, format, context.options);
      });
      return;
    }
  }
}
