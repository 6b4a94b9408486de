import { post } from './vscodeApi';

// Every link in rendered content goes to the host, which opens only http, https and mailto after checking.
// The listener runs in the capture phase on window and stops the click there, so VS Code's own webview
// link handler (which would open `file:` links in the editor) never sees it.

const XLINK = 'http://www.w3.org/1999/xlink';

function linkIn(event: Event): Element | undefined {
  for (const node of event.composedPath()) {
    if (node instanceof Element && node.localName === 'a') return node;
  }
  return undefined;
}

function hrefOf(anchor: Element): string | null {
  return (
    anchor.getAttribute('href') ?? anchor.getAttributeNS(XLINK, 'href') ?? anchor.getAttribute('xlink:href')
  );
}

function onClick(event: MouseEvent): void {
  const anchor = linkIn(event);
  if (!anchor) return;
  event.preventDefault();
  event.stopPropagation();
  if (event.type === 'auxclick' && event.button !== 1) return;
  const href = hrefOf(anchor)?.trim();
  if (!href) return;
  if (href.startsWith('#')) {
    const id = decodeURIComponent(href.slice(1));
    document.getElementById(id)?.scrollIntoView();
    return;
  }
  post({ type: 'openLink', href });
}

export function interceptLinks(): void {
  window.addEventListener('click', onClick, true);
  window.addEventListener('auxclick', onClick, true);
}
