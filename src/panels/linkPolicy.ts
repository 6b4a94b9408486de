// Decides which links from rendered content may be opened. Pure (no vscode), so tests call it directly.

const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export type LinkDecision = { allowed: true; url: string } | { allowed: false; reason: string };

/**
 * Artifact content comes from a model, so a link is only followed to the web or to a mail client.
 * `command:`, `file:`, `vscode:`, `javascript:`, `data:` and anything relative are refused, and so is a
 * URL with credentials (`https://user@host` is a classic way to dress up a phishing host).
 */
export function checkLink(href: string): LinkDecision {
  const text = href.trim();
  // Control characters and whitespace inside a scheme are how filters get tricked (`java\tscript:`).
  if (text.length === 0 || text.length > 8192 || /[\u0000-\u001f\u007f]/.test(text)) {
    return { allowed: false, reason: 'The link is empty, too long or contains control characters.' };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { allowed: false, reason: 'Only absolute http, https and mailto links can be opened.' };
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) {
    return {
      allowed: false,
      reason: `Links with the scheme "${url.protocol}" are not opened from artifacts.`,
    };
  }
  if (url.protocol !== 'mailto:' && (url.username !== '' || url.password !== '' || url.hostname === '')) {
    return { allowed: false, reason: 'Links with credentials or without a host are not opened.' };
  }
  return { allowed: true, url: url.toString() };
}
