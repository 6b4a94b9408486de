// VS Code puts the theme kind on <body> as a class; renderers that cannot use CSS variables ask here.

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

export function isDarkTheme(): boolean {
  const kind = themeKind();
  return kind === 'dark' || kind === 'high-contrast';
}

/** A theme colour from VS Code's CSS variables, with a fallback for pages outside VS Code (the benchmark). */
export function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(`--vscode-${name}`).trim();
  return value || fallback;
}

const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

/** Calls `listener` after each theme change; returns a function that stops it. */
export function onThemeChange(listener: () => void): () => void {
  if (!observer) {
    let last = themeKind();
    observer = new MutationObserver(() => {
      const now = themeKind();
      if (now === last) return;
      last = now;
      for (const l of listeners) l();
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}
