import { drawingPlaceholder, el } from '../dom';
import type { SanitizeOptions } from './sanitize';
import { onThemeChange } from './theme';

// Draws diagrams in place of their source blocks. The Mermaid chunk is imported only when a page has one.

interface Drawn {
  source: string;
  options: SanitizeOptions;
  dispose: () => void;
}

const drawn = new Map<HTMLElement, Drawn>();

export function loadMermaid(): Promise<typeof import('./mermaidRenderer')> {
  return import('./mermaidRenderer');
}

/** Draws `source` into `block`, replacing what it showed; on failure keeps the source with a note. */
export async function drawMermaid(
  block: HTMLElement,
  source: string,
  options: SanitizeOptions,
): Promise<void> {
  // A block taken out of the page while its diagram was drawn (its document was replaced: a head by the whole,
  // an artifact page by another) is dropped, not kept for redrawing on theme changes: keeping it would keep
  // the old document alive. (A journey's kept bodies are moved in the same task, so they stay in the page.)
  const wasInPage = block.isConnected;
  block.setAttribute('aria-busy', 'true');
  // A first drawing shows a placeholder; a redraw (theme change) keeps the old diagram until the new one is in.
  if (!block.classList.contains('rendered')) block.replaceChildren(drawingPlaceholder('the diagram'));
  try {
    const { renderMermaid } = await loadMermaid();
    const view = await renderMermaid(source, options);
    if (wasInPage && !block.isConnected) {
      view.dispose();
      return;
    }
    drawn.get(block)?.dispose();
    block.replaceChildren(view.element);
    block.classList.add('rendered');
    drawn.set(block, { source, options, dispose: () => view.dispose() });
  } catch (error) {
    block.replaceChildren(
      el(
        'p',
        { class: 'render-note', role: 'note' },
        `This Mermaid diagram could not be drawn: ${String((error as Error)?.message ?? error).slice(0, 300)}`,
      ),
      el('pre', { class: 'code-block' }, el('code', {}, source)),
    );
  } finally {
    block.removeAttribute('aria-busy');
  }
}

export async function renderMermaidBlocks(
  container: HTMLElement,
  sources: string[],
  options: SanitizeOptions,
): Promise<void> {
  const wasInPage = container.isConnected;
  for (const block of container.querySelectorAll<HTMLElement>(
    '.mermaid-block[data-mermaid]:not(.rendered)',
  )) {
    // Replaced meanwhile (a head by the whole document, say): its diagram is not needed.
    if (wasInPage && !block.isConnected) continue;
    const source = sources[Number(block.dataset.mermaid)];
    if (source !== undefined) await drawMermaid(block, source, options);
  }
}

// Mermaid bakes theme colours into the SVG, so drawn diagrams are redrawn after a theme change.
onThemeChange(() => {
  for (const [block, d] of [...drawn]) {
    if (!block.isConnected) {
      d.dispose();
      drawn.delete(block);
      continue;
    }
    void drawMermaid(block, d.source, d.options);
  }
});
