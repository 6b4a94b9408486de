import type { ArtifactDto } from '../src/protocol';
import { button, el, firstLine, formatBytes, timeElement, utf8Length } from './dom';
import { renderArtifactBody } from './render/artifact';
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

function header(artifact: ArtifactDto): HTMLElement {
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
  item('Size', formatBytes(utf8Length(artifact.content)));
  const isCode = artifact.type === 'code';
  const actions = el(
    'div',
    { class: 'actions', role: 'toolbar', 'aria-label': 'Artifact actions' },
    button(isCode ? 'Open in Editor' : 'Open Source', 'go-to-file', () =>
      post({ type: 'openArtifactSource', artifactId: artifact.id }),
    ),
    button('Copy', 'copy', () => post({ type: 'copy', text: artifact.content })),
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

export async function showArtifactPage(
  app: HTMLElement,
  artifact: ArtifactDto,
  options: SanitizeOptions,
): Promise<void> {
  const body = el('section', {
    class: 'artifact-content',
    'aria-label': `${artifact.title}, ${artifact.type}`,
  });
  app.replaceChildren(header(artifact), body);
  document.title = artifact.title;
  await renderArtifactBody(artifact, body, { options, inline: false });
}
