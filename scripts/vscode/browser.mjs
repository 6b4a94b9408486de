// Headless Debian Chromium through playwright-core (no browser download), as in recipe §5. The path and flags
// are in chromium.json, shared with the webview benchmark.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const settings = JSON.parse(readFileSync(new URL('./chromium.json', import.meta.url), 'utf8'));

export const CHROMIUM = process.env.PERPETUA_CHROMIUM ?? settings.executablePath;

export async function launchBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'perpetua-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    args: settings.args,
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
