import { readFileSync } from 'node:fs';

// The chunks main.js imports statically. The page preloads them (<link rel="modulepreload">) next to
// main.js, so they arrive in the same round trip instead of one after it. Read from the bundle itself (the
// imports are its first statements) so no manifest has to be built or shipped.

const IMPORT = /\bimport\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.\/chunks\/[^"']+\.js)["']/g;
const HEAD_BYTES = 16 * 1024;

export function staticChunkImports(source: string): string[] {
  const head = source.slice(0, HEAD_BYTES);
  return [...new Set([...head.matchAll(IMPORT)].map((m) => m[1]!.slice(2)))];
}

const cache = new Map<string, string[]>();

/** The chunk paths (relative to the bundle's folder) main.js imports statically; [] when it cannot be read. */
export function preloadedChunks(mainJsPath: string): string[] {
  let chunks = cache.get(mainJsPath);
  if (!chunks) {
    try {
      chunks = staticChunkImports(readFileSync(mainJsPath, 'utf8'));
    } catch {
      chunks = []; // Preloading is an optimisation: without it the browser still follows the imports.
    }
    cache.set(mainJsPath, chunks);
  }
  return chunks;
}
