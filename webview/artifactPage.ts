import { documentFormat, type ArtifactDto } from '../src/protocol';
import { button, el, firstLine, formatBytes, timeElement, utf8Length } from './dom';
import { renderArtifactBody } from './render/artifact';
import { replaceMarkdown } from './render/markdown';
import type { SanitizeOptions } from './render/sanitize';
import { post } from './vscodeApi';

// One artifact, full page: a header (title, type, journey › stage, created, actions) over the rendered body.

const TYPE_ICONS: Record<string, string> = {
  document: 'markdown',
  code: 'code',
  visualization: 'graph',
  mindmap: 'type-hierarchy',
  other: 'file',
};

/**
 * The page header. For the head of a long document (`wholeBytes` given), the size is the whole one's and Copy
 * waits for the whole: it would copy a part.
 */
function header(artifact: ArtifactDto, wholeBytes?: number): HTMLElement {
  const place = artifact.place;
  const meta = el('dl', { class: 'meta' });
  const item = (term: string, ...value: (Node | string)[]) =>
    meta.append(el('div', {}, el('dt', {}, term), el('dd', {}, ...value)));
  item(
    'Type',
    el('vscode-badge', { variant: 'default', class: `type-badge type-${artifact.type}` }, artifact.type),
  );
  if (place) {
    const journey = el(
      'button',
      { class: 'link-button', type: 'button', title: place.journeyInput },
      firstLine(place.journeyInput, 80),
    );
    journey.addEventListener('click', () =>
      post({ type: 'openJourney', journeyId: place.journeyId, stageId: place.stageId }),
    );
    item('Journey', journey);
    item('Stage', place.stageType);
  }
  item('Created', timeElement(artifact.createdAt));
  item('Size', formatBytes(wholeBytes ?? utf8Length(artifact.content)));
  const isCode = artifact.type === 'code';
  const actions = el(
    'div',
    { class: 'actions', role: 'toolbar', 'aria-label': 'Artifact actions' },
    button(isCode ? 'Open in Editor' : 'Open Source', 'go-to-file', () =>
      post({ type: 'openArtifactSource', artifactId: artifact.id }),
    ),
    copyButton(artifact, wholeBytes !== undefined),
    button('Export…', 'desktop-download', () => post({ type: 'exportArtifact', artifactId: artifact.id })),
  );
  const title = el(
    'h1',
    { class: 'page-title' },
    el('span', { class: `codicon codicon-${TYPE_ICONS[artifact.type] ?? 'file'}`, 'aria-hidden': 'true' }),
    ' ',
    artifact.title,
  );
  return el('header', { class: 'page-header' }, title, meta, actions);
}

function copyButton(artifact: ArtifactDto, partial: boolean): HTMLElement {
  const copy = button('Copy', 'copy', () => post({ type: 'copy', text: artifact.content }));
  if (partial) {
    copy.setAttribute('disabled', '');
    copy.title = 'Copy (once the whole document is in)';
  }
  return copy;
}

/** Shows `artifact` on a new page; `wholeBytes` when `artifact` holds only a long document's head. */
export async function showArtifactPage(
  app: HTMLElement,
  artifact: ArtifactDto,
  options: SanitizeOptions,
  isWanted: () => boolean,
  wholeBytes?: number,
): Promise<void> {
  const body = el('section', {
    class: 'artifact-content',
    'aria-label': `${artifact.title}, ${artifact.type}`,
  });
  app.replaceChildren(header(artifact, wholeBytes), body);
  document.title = artifact.title;
  await renderArtifactBody(artifact, body, { options, inline: false, isWanted });
}

/**
 * Brings a page that shows a Markdown document (its head, or an older version) up to date in place: a new
 * header, and the whole document swapped in when it is rendered, so the reader keeps their place. Undefined
 * when the page cannot be updated in place (another kind of artifact is shown); then show a new page.
 */
export function updateArtifactPage(
  app: HTMLElement,
  artifact: ArtifactDto,
  options: SanitizeOptions,
  isWanted: () => boolean,
): Promise<void> | undefined {
  const oldHeader = app.querySelector(':scope > header.page-header');
  const section = app.querySelector<HTMLElement>(':scope > section.artifact-content');
  const body = section?.querySelector<HTMLElement>(':scope > .markdown-body');
  if (!oldHeader || !section || !body || documentFormat(artifact) !== 'markdown') return undefined;
  oldHeader.replaceWith(header(artifact));
  section.setAttribute('aria-label', `${artifact.title}, ${artifact.type}`);
  document.title = artifact.title;
  return replaceMarkdown(artifact.content, body, options, isWanted);
}
