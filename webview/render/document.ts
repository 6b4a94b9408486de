import { documentFormat, type ArtifactDto } from '../../src/protocol';
import { el } from '../dom';
import type { RenderContext } from './context';
import { renderMarkdown } from './markdown';
import { sanitizeHtml } from './sanitize';

// Documents are Markdown unless `metadata.format` says html or text.

export async function renderDocument(
  artifact: ArtifactDto,
  container: HTMLElement,
  context: RenderContext,
): Promise<void> {
  const format = documentFormat(artifact);
  if (format === 'text') {
    container.append(el('pre', { class: 'plain-text', tabindex: 0 }, artifact.content));
    return;
  }
  const body = el('div', { class: 'markdown-body' });
  container.append(body);
  if (format === 'html') {
    body.append(sanitizeHtml(artifact.content, context.options));
    return;
  }
  await renderMarkdown(artifact.content, body, context.options, context.isWanted).done;
}
