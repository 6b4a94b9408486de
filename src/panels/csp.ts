// The webview's Content-Security-Policy, kept free of vscode so the benchmark page uses the very same one.

/**
 * No inline script or style at all: scripts need the per-load nonce (module imports inherit it, which is
 * how lazy chunks load), styles come only from our stylesheets. Mermaid's generated `<style>` and SVG style
 * attributes are applied through the CSSOM by the webview after sanitizing, which CSP does not govern, so
 * `'unsafe-inline'` is never needed. Remote images only when the user allows them.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string, allowRemoteImages: boolean): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:${allowRemoteImages ? ' https:' : ''}`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}
