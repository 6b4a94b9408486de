import { readFileSync } from 'node:fs';

// The page's first script (dist/webview/boot.js, from webview/boot.ts) is written into the page itself, with
// the page's nonce, so that it runs while the page is parsed and says `ready` without waiting for a file to
// load. It is a few hundred bytes; main.js does the same start if the script is missing (see pageStart.ts).

const cache = new Map<string, string | undefined>();

/** The script's text, safe to put between <script> tags; undefined when it cannot be read. */
export function bootScript(bootJsPath: string): string | undefined {
  if (cache.has(bootJsPath)) return cache.get(bootJsPath);
  let text: string | undefined;
  try {
    text = readFileSync(bootJsPath, 'utf8');
  } catch {
    text = undefined;
  }
  // Anything that could end the element or open a comment inside it would change how the page parses.
  if (text !== undefined && /<\/script|<!--/i.test(text)) text = undefined;
  cache.set(bootJsPath, text);
  return text;
}
