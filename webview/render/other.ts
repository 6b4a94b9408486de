import type { ArtifactDto } from '../../src/protocol';
import { el } from '../dom';
import { metadataString, type RenderContext } from './context';
import { highlightElement, loadHighlighter } from './highlight';

// "Other" artifacts: JSON pretty-printed (and highlighted), anything else as wrapped plain text.

export function prettyJson(content: string): string | undefined {
  const trimmed = content.trim();
  if (!/^[[{]/.test(trimmed)) return undefined;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return undefined;
  }
}

export async function renderOther(
  artifact: ArtifactDto,
  container: HTMLElement,
  _context: RenderContext,
): Promise<void> {
  const format = metadataString(artifact, 'format');
  const json = format === 'json' || format === undefined ? prettyJson(artifact.content) : undefined;
  if (json !== undefined) {
    const code = el('code', { class: 'language-json' }, json);
    container.append(
      el('pre', { class: 'code-block json', tabindex: 0, 'aria-label': `${artifact.title} (JSON)` }, code),
    );
    highlightElement(await loadHighlighter(), code, 'json');
    return;
  }
  if (format === 'json')
    container.append(
      el(
        'p',
        { class: 'render-note', role: 'note' },
        'This content is marked as JSON but does not parse; shown as text.',
      ),
    );
  container.append(
    el('pre', { class: 'plain-text', tabindex: 0, 'aria-label': artifact.title }, artifact.content),
  );
}
