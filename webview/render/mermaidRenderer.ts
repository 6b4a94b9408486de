import mermaid from 'mermaid';
import { adoptStyleSheet, sanitizeSvg, type SanitizeOptions } from './sanitize';
import { isDarkTheme, themeColor, themeKind } from './theme';

// The lazy Mermaid chunk. Diagrams come from a model, so: strict security level (no click callbacks, labels
// sanitized by Mermaid), no directives or front matter (they could change the security settings or inject
// CSS), SVG labels instead of HTML in <foreignObject>, and the result sanitized again by our own DOMPurify.

let configuredFor: string | undefined;
let counter = 0;

/** Removes `%%{init: …}%%` directives and a leading `---` front-matter block. */
export function stripMermaidConfig(source: string): string {
  return source.replace(/%%\{[\s\S]*?\}%%/g, '').replace(/^\s*---\r?\n[\s\S]*?\r?\n---\s*\r?\n/, '');
}

function configure(): void {
  const key = themeKind();
  if (configuredFor === key) return;
  configuredFor = key;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: isDarkTheme() ? 'dark' : 'default',
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    fontFamily: themeColor('font-family', 'sans-serif'),
    maxTextSize: 200_000,
    secure: [
      'secure',
      'securityLevel',
      'startOnLoad',
      'maxTextSize',
      'theme',
      'themeCSS',
      'themeVariables',
      'fontFamily',
      'htmlLabels',
    ],
  });
}

export interface MermaidView {
  element: HTMLElement;
  dispose(): void;
}

export async function renderMermaid(source: string, options: SanitizeOptions): Promise<MermaidView> {
  configure();
  const id = `pj-mermaid-${++counter}`;
  const { svg } = await mermaid.render(id, stripMermaidConfig(source));
  // Mermaid's stylesheet (generated from the theme, scoped to #id) is applied as a constructed sheet.
  const css = [...svg.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1] ?? '').join('\n');
  const fragment = sanitizeSvg(svg.replace(/<style[^>]*>[\s\S]*?<\/style>/gi, ''), options);
  const element = document.createElement('div');
  element.className = 'diagram';
  element.setAttribute('role', 'img');
  element.append(fragment);
  const svgElement = element.querySelector('svg');
  if (svgElement) {
    svgElement.id = id;
    svgElement.setAttribute('aria-roledescription', 'diagram');
  }
  element.setAttribute('aria-label', svgElement?.querySelector('title')?.textContent ?? 'Mermaid diagram');
  const removeSheet = css ? adoptStyleSheet(css) : () => undefined;
  document.getElementById(`d${id}`)?.remove();
  return { element, dispose: removeSheet };
}
