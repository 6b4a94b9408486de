// Readable paths for the `perpetua:` file system, and the ids they stand for.
//
// A URI looks like  perpetua:/Make retries safe…/02-solving/Retry helper.ts?artifact=<id>
// The path is for people: it gives the tab title ("Retry helper.ts"), the breadcrumbs (journey › stage ›
// file) and the language (from the extension). The id travels in the query, because the path alone cannot be
// mapped back: titles and journey inputs are shortened, sanitized and need not be unique. With the id in the
// URI, no lookup table has to survive a window reload (restored tabs still open), a renamed artifact still
// opens, and two artifacts with the same title in one stage are two different files. "Save As…" and tab
// titles use only the path's last segment, so the query never shows there.
import type { StageType } from '../store';

export const SCHEME = 'perpetua';

const MAX_JOURNEY_CHARS = 60;
const MAX_TITLE_CHARS = 80;
// Characters that are not allowed (or mean something) in file names on some system, and control characters.

const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f#%]/g;

/** One path segment: no separators or reserved characters, whitespace folded, shortened at a word. */
export function sanitizeSegment(text: string, maxChars: number, fallback = 'untitled'): string {
  let clean = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  if (clean.length > maxChars) {
    const cut = clean.slice(0, maxChars - 1);
    const atWord = cut.lastIndexOf(' ');
    clean = `${(atWord > maxChars / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
  }
  // Leading or trailing dots make hidden files or are dropped by some systems.
  clean = clean.replace(/^[.\s]+|[.\s]+$/g, '');
  return clean === '' ? fallback : clean;
}

/** The journey's folder: the first line of its input. */
export function journeySegment(input: string): string {
  return sanitizeSegment(input.split('\n', 1)[0] ?? '', MAX_JOURNEY_CHARS, 'journey');
}

/** The stage's folder: its position in the journey (1-based, two digits) and its type: "02-solving". */
export function stageSegment(position: number, type: StageType): string {
  return `${String(position).padStart(2, '0')}-${type}`;
}

/** The artifact's file name: its title and extension (not doubled when the title already ends with it). */
export function artifactFileName(title: string, extension: string): string {
  const base = sanitizeSegment(title, MAX_TITLE_CHARS);
  return base.toLowerCase().endsWith(extension.toLowerCase()) ? base : `${base}${extension}`;
}

export type PerpetuaTargetKind = 'artifact' | 'stage';
export interface PerpetuaTarget {
  kind: PerpetuaTargetKind;
  id: string;
}

/** The query part that names the artifact or stage; the kind is explicit because ids need not be prefixed. */
export function targetQuery(target: PerpetuaTarget): string {
  return new URLSearchParams({ [target.kind]: target.id }).toString();
}

/** The artifact or stage a URI's query names, or undefined (folders, or a path typed by hand). */
export function targetFromQuery(query: string): PerpetuaTarget | undefined {
  const params = new URLSearchParams(query);
  for (const kind of ['artifact', 'stage'] as const) {
    const id = params.get(kind);
    if (id !== null && id.length > 0 && id.length <= 200) return { kind, id };
  }
  return undefined;
}
