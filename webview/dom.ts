// Small DOM helpers; text always goes in through textContent, never through HTML.

type Attributes = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child !== undefined) element.append(child);
  }
  return element;
}

/** A `<vscode-button>` with an icon and an accessible label. */
export function button(
  label: string,
  icon: string,
  onClick: () => void,
  options: { secondary?: boolean; iconOnly?: boolean } = {},
): HTMLElement {
  const b = document.createElement('vscode-button');
  b.setAttribute('icon', icon);
  if (options.secondary !== false) b.setAttribute('secondary', '');
  b.setAttribute('aria-label', label);
  b.title = label;
  if (!options.iconOnly) b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/** What a block shows while a lazy renderer loads and draws: a spinner and a sentence. */
export function drawingPlaceholder(what: string): HTMLElement {
  return el(
    'div',
    { class: 'drawing', role: 'status' },
    el('vscode-progress-ring', { 'aria-hidden': 'true' }),
    `Drawing ${what}…`,
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "Mar 15, 2025, 10:01" in local time. Written by hand because the first Intl.DateTimeFormat of a page
 * costs ~30 ms (locale data), which is a tenth of the time budget for showing an artifact.
 */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function timeElement(ms: number): HTMLTimeElement {
  const t = el('time', { datetime: new Date(ms).toISOString() }, formatTime(ms));
  return t;
}

/** The size of `text` in UTF-8; ASCII text (most artifacts) is measured without encoding a copy of it. */
export function utf8Length(text: string): number {
  return /[^\x00-\x7f]/.test(text) ? new TextEncoder().encode(text).length : text.length;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function firstLine(text: string, max = 120): string {
  const line = (text.split('\n', 1)[0] ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Yields to the browser so it can paint between chunks of work. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(undefined);
  });
}

/**
 * Waits until the browser has had a chance to paint (or 100 ms, for hidden pages where frames never come).
 * Chunked rendering uses it so queued work cannot starve the first paint.
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });
}
