import type { ArtifactDto } from '../../src/protocol';
import { button, el } from '../dom';
import { post } from '../vscodeApi';
import type { RenderContext } from './context';
import { highlightElement, loadHighlighter } from './highlight';

// Code artifacts: highlighted, with a line-number gutter beside (not inside) the code, so copying the code
// never copies numbers and highlight.js spans that cross lines need no splitting.

export function languageHint(artifact: ArtifactDto): string | undefined {
  const language = artifact.metadata.language;
  if (typeof language === 'string' && language) return language;
  const ext = /\.([A-Za-z0-9+#]+)(?:\s|:|$)/.exec(artifact.title)?.[1];
  return ext;
}

export function codeActions(artifact: ArtifactDto): HTMLElement {
  return el(
    'div',
    { class: 'inline-actions', role: 'toolbar', 'aria-label': `${artifact.title} actions` },
    button('Copy', 'copy', () => post({ type: 'copy', text: artifact.content })),
    button('Open in Editor', 'go-to-file', () =>
      post({ type: 'openArtifactSource', artifactId: artifact.id }),
    ),
  );
}

export async function renderCode(
  artifact: ArtifactDto,
  container: HTMLElement,
  context: RenderContext,
): Promise<void> {
  const text = artifact.content.endsWith('\n') ? artifact.content.slice(0, -1) : artifact.content;
  const lines = text.split('\n').length;
  const gutter = el('pre', { class: 'gutter', 'aria-hidden': 'true' });
  gutter.textContent = Array.from({ length: lines }, (_, i) => String(i + 1)).join('\n');
  const code = el('code', {}, text);
  const pre = el(
    'pre',
    { class: 'code-block numbered', tabindex: 0, 'aria-label': `${artifact.title}, ${lines} lines of code` },
    code,
  );
  const badge = el('vscode-badge', { variant: 'default' }, '…');
  const bar = el('div', { class: 'code-header' }, badge, context.inline ? codeActions(artifact) : undefined);
  container.append(el('div', { class: 'code-view' }, bar, el('div', { class: 'code-scroll' }, gutter, pre)));
  const hljs = await loadHighlighter();
  const used = highlightElement(hljs, code, languageHint(artifact));
  badge.textContent = used ?? 'plain text';
}
