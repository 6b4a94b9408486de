import type { ArtifactDto } from './dtos';

// How a document artifact is shown, by `metadata.format`: the host (which posts a long Markdown document's
// head first) and the webview (which renders it) must agree, so the rule lives here once.

export type DocumentFormat = 'markdown' | 'html' | 'text';

const TEXT_FORMATS = new Set(['text', 'plain', 'txt']);

/** A document is Markdown unless `metadata.format` says html or plain text; undefined for other types. */
export function documentFormat(artifact: Pick<ArtifactDto, 'type' | 'metadata'>): DocumentFormat | undefined {
  if (artifact.type !== 'document') return undefined;
  const value = artifact.metadata.format;
  const format = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (format === 'html') return 'html';
  return TEXT_FORMATS.has(format) ? 'text' : 'markdown';
}
