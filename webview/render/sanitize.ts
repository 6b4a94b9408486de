import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

// Everything from artifact content that becomes DOM goes through here. Two purifier instances, because
// hooks are per instance: documents (HTML with inline SVG) and stand-alone SVG (diagrams, charts).

const STYLE_STASH = 'data-pj-style';
const FORBIDDEN_TAGS = [
  'style',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'dialog',
  'foreignObject',
];

export interface SanitizeOptions {
  allowRemoteImages: boolean;
}

let remoteImagesAllowed = false;

function isRemote(url: string): boolean {
  return /^\s*(https?:)?\/\//i.test(url);
}

function blockRemoteImage(node: Element): void {
  if (remoteImagesAllowed) return;
  const tag = node.nodeName.toLowerCase();
  if (tag === 'img') {
    const src = node.getAttribute('src') ?? '';
    node.removeAttribute('srcset');
    if (isRemote(src)) {
      node.removeAttribute('src');
      node.classList.add('blocked-image');
      const alt = node.getAttribute('alt') ?? '';
      node.setAttribute('alt', `${alt ? `${alt} ` : ''}(remote image blocked)`);
      node.setAttribute(
        'title',
        `Remote image not loaded: ${src}. Set perpetua.webview.allowRemoteImages to load remote images.`,
      );
    }
  }
  if (tag === 'image' || tag === 'use' || tag === 'feimage') {
    for (const name of ['href', 'xlink:href']) {
      const value = node.getAttribute(name);
      // `<use>` may point inside the same SVG only; anything else could fetch.
      if (value !== null && !value.startsWith('#') && (tag === 'use' || isRemote(value)))
        node.removeAttribute(name);
    }
  }
}

function markLink(node: Element): void {
  if (node.nodeName.toLowerCase() === 'a') {
    node.setAttribute('rel', 'noopener noreferrer');
    node.removeAttribute('target');
  }
}

const html = DOMPurify(window);
html.addHook('afterSanitizeAttributes', (node) => {
  blockRemoteImage(node);
  markLink(node);
});

// Made on first use: setting up a purifier costs milliseconds, and documents, which need only the first one,
// are what a page most often shows first.
let svgPurifier: Purifier | undefined;

function svg(): Purifier {
  if (svgPurifier) return svgPurifier;
  svgPurifier = DOMPurify(window);
  svgPurifier.addHook('afterSanitizeAttributes', (node) => {
    blockRemoteImage(node);
    markLink(node);
    // Style attributes are kept aside and applied through the CSSOM (see applyStashedStyles): the CSP has no
    // 'unsafe-inline' for styles, and this way every declaration is filtered first.
    const style = node.getAttribute('style');
    if (style !== null) {
      node.removeAttribute('style');
      node.setAttribute(STYLE_STASH, style);
    }
  });
  return svgPurifier;
}

const HTML_CONFIG: Config = {
  USE_PROFILES: { html: true, svg: true, svgFilters: true },
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'ping'],
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

const SVG_CONFIG: Config = {
  USE_PROFILES: { svg: true, svgFilters: true },
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: ['ping'],
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

/** Sanitized HTML (Markdown output, raw HTML inside it) as a fragment of this document. */
export function sanitizeHtml(dirty: string, options: SanitizeOptions): DocumentFragment {
  remoteImagesAllowed = options.allowRemoteImages;
  return html.sanitize(dirty, { ...HTML_CONFIG, RETURN_DOM_FRAGMENT: true });
}

/** Sanitized SVG markup as a fragment; style attributes are re-applied, filtered, by `applyStashedStyles`. */
export function sanitizeSvg(dirty: string, options: SanitizeOptions): DocumentFragment {
  remoteImagesAllowed = options.allowRemoteImages;
  const fragment = svg().sanitize(dirty, { ...SVG_CONFIG, RETURN_DOM_FRAGMENT: true });
  applyStashedStyles(fragment);
  return fragment;
}

/** Declarations that could fetch something or escape the artifact's box are dropped. */
export function safeDeclarations(css: string): string {
  return css
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d.length > 0)
    .filter((d) => !/url\s*\(|expression\s*\(|@import|javascript:|-moz-binding|behavior\s*:/i.test(d))
    .filter((d) => !/^position\s*:\s*(fixed|sticky)/i.test(d))
    .join('; ');
}

export function applyStashedStyles(root: ParentNode): void {
  for (const node of root.querySelectorAll(`[${STYLE_STASH}]`)) {
    const css = safeDeclarations(node.getAttribute(STYLE_STASH) ?? '');
    node.removeAttribute(STYLE_STASH);
    if (css && (node instanceof HTMLElement || node instanceof SVGElement)) node.style.cssText = css;
  }
}

/**
 * A stylesheet made by a renderer we run (Mermaid), applied as a constructed sheet: allowed by the CSP
 * without 'unsafe-inline', and cleaned of anything that could fetch. Returns a function that removes it.
 */
export function adoptStyleSheet(cssText: string): () => void {
  const cleaned = cssText
    .replace(/@import[^;]*;/gi, '')
    .replace(/url\s*\([^)]*\)/gi, 'none')
    .replace(/expression\s*\(/gi, '(');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cleaned);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}

/** highlight.js output: escaped text in `<span class>`; checked anyway, since the text came from content. */
export function sanitizeHighlighted(markup: string): DocumentFragment {
  return html.sanitize(markup, {
    ALLOWED_TAGS: ['span'],
    ALLOWED_ATTR: ['class'],
    RETURN_DOM_FRAGMENT: true,
  });
}
