// UI checks with Playwright against the packaged .vsix installed in code-server (recipe §5), in light and dark
// themes. Screenshots go to test/e2e/screenshots/. Writes {"passed","failed"} to $PERPETUA_RESULT_FILE.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const VSIX = join(ROOT, 'perpetua-journey-explorer.vsix');
const SHOTS = join(ROOT, 'test/e2e/screenshots');
const THEMES = { light: 'Light Modern', dark: 'Dark Modern' };
const results = { passed: 0, failed: 0 };

/** The page of the run, so a failing check can leave a picture of what was on screen. */
let failurePage;

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.passed += 1;
    console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.failed += 1;
    const file = `failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`;
    await failurePage?.screenshot({ path: join(SHOTS, file) }).catch(() => undefined);
    console.log(
      `  ✘ ${name}\n      ${String(error.message ?? error)
        .split('\n')
        .join('\n      ')}`,
    );
  }
}

function report() {
  console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
  if (process.env.PERPETUA_RESULT_FILE)
    writeFileSync(process.env.PERPETUA_RESULT_FILE, JSON.stringify(results));
}

async function main() {
  if (!process.argv.includes('--no-package')) {
    const pack = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (pack.status !== 0) throw new Error('npm run package failed.');
  }
  mkdirSync(SHOTS, { recursive: true });
  const cs = await startCodeServer({
    vsix: VSIX,
    settings: { 'workbench.colorTheme': 'Default Light Modern' },
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    failurePage = page;
    const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
    const view = page.locator('[id="workbench.view.extension.perpetua"]');
    const journeys = view.getByRole('treeitem').and(page.locator('[aria-level="1"]'));

    const themeClass = (theme) => `vscode-theme-defaults-themes-${theme}_modern-json`;
    const waitForTheme = (theme) =>
      page.waitForFunction(
        (c) => document.querySelector('.monaco-workbench')?.classList.contains(c),
        themeClass(theme),
        {
          timeout: 20000,
        },
      );
    /** Switches the colour theme the way a person does: Preferences: Color Theme in the command palette. */
    /** Opens the command palette from the workbench (not from inside a webview) and runs a command. */
    const runPaletteCommand = async (title) => {
      await page.keyboard.press('Escape');
      await page.locator('.part.sidebar .title-label').first().click();
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill(`>${title}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
    };
    const useTheme = async (theme) => {
      await page.keyboard.press('Escape');
      await page.locator('.part.sidebar .title-label').first().click();
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Preferences: Color Theme');
      // Click the row: Enter would take the first fuzzy match, which can be "Browse Color Themes in Marketplace".
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: /^Preferences: Color Theme/ })
        .first()
        .click();
      await page.locator('.quick-input-widget input').fill(THEMES[theme]);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: THEMES[theme] }).first().click();
      await waitForTheme(theme);
      await page.waitForTimeout(300); // let icons and colours repaint
    };

    await page.goto(`${cs.base}/?folder=${encodeURIComponent(cs.workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await waitForTheme('light');
    // A wider side bar, as people use it, so the screenshots show the descriptions, not just truncated labels.
    const widenSideBar = async () => {
      const box = await page.locator('.part.sidebar').boundingBox();
      if (!box) return;
      await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + 560, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
    };

    await check('opens the Perpetua container and shows the welcome view on an empty store', async () => {
      await page.locator('.activitybar [aria-label^="Perpetua"]').first().click();
      await widenSideBar();
      await view.getByText('No journeys in this database yet.').waitFor({ timeout: 30000 });
      for (const button of ['New Journey', 'Load Demo Journeys', 'Open Database…']) {
        await view.getByRole('button', { name: button }).waitFor({ timeout: 30000 });
      }
      await shot('welcome-light');
      await useTheme('dark');
      await shot('welcome-dark');
      await useTheme('light');
    });

    await check('loads the demo journeys from the command palette and lists them', async () => {
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Perpetua: Load Demo Journeys');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Perpetua: Load Demo Journeys' })
        .first()
        .waitFor();
      await page.keyboard.press('Enter');
      await journeys.first().waitFor({ timeout: 30000 });
      await page.waitForFunction(
        () =>
          document.querySelectorAll(
            '[id="workbench.view.extension.perpetua"] [role="treeitem"][aria-level="1"]',
          ).length >= 5,
        undefined,
        { timeout: 10000 },
      );
      await page
        .locator('.activitybar [aria-label^="Perpetua"] .badge-content')
        .first()
        .waitFor({ timeout: 30000 });
      await shot('tree-light');
    });

    await check('expands a journey to show its stages in order', async () => {
      const first = journeys.first();
      await first.click();
      await page.keyboard.press('ArrowRight');
      const stage = view.locator('[role="treeitem"][aria-level="2"]').first();
      await stage.waitFor({ timeout: 30000 });
      const label = await stage.innerText();
      if (!/^1\. \w+/.test(label.trim())) throw new Error(`first stage row reads "${label}"`);
      // Also open the first stage that has artifacts, so the screenshots show all three levels.
      await stage.click();
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(300);
      await shot('expanded-light');
      await useTheme('dark');
      await shot('expanded-dark');
      await useTheme('light');
    });

    await check('pauses a running journey from its context menu', async () => {
      const running = view.locator('[role="treeitem"][aria-level="1"][aria-label*=", running,"]').first();
      await running.waitFor({ timeout: 30000 });
      const name = (await running.getAttribute('aria-label')).split(', running,')[0];
      await running.click({ button: 'right' });
      const menu = page.locator('.context-view .monaco-menu');
      await menu.waitFor({ timeout: 30000 });
      await page.waitForTimeout(300); // the menu fades in
      await shot('context-menu-light');
      for (const absent of ['Resume']) {
        if ((await menu.locator('.action-label', { hasText: new RegExp(`^${absent}$`) }).count()) > 0) {
          throw new Error(`"${absent}" is offered on a running journey`);
        }
      }
      await menu.locator('.action-label', { hasText: /^Pause$/ }).click();
      await view
        .locator(`[role="treeitem"][aria-level="1"][aria-label^="${name.replace(/"/g, '\\"')}, paused,"]`)
        .waitFor({ timeout: 30000 });
    });

    await check('counts the running journeys in the badge on the Perpetua icon', async () => {
      const running = await view
        .locator('[role="treeitem"][aria-level="1"][aria-label*=", running,"]')
        .count();
      const badge = page.locator('.activitybar [aria-label^="Perpetua"] .badge-content');
      if (running === 0) {
        await page.waitForTimeout(500);
        if (await badge.first().isVisible()) throw new Error('a badge is shown with no running journey');
      } else {
        await page.waitForFunction(
          (n) =>
            document
              .querySelector('.activitybar [aria-label^="Perpetua"] .badge-content')
              ?.textContent?.trim() === n,
          String(running),
          { timeout: 5000 },
        );
      }
    });

    await check(
      'checks the database from the palette with the packaged CLI and reports no problems',
      async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').fill('>Perpetua: Check Database');
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: 'Perpetua: Check Database' })
          .first()
          .click();
        // The result is logged in the Perpetua output channel (toasts are not shown in this headless setup);
        // the editor renders spaces as no-break spaces, hence \s.
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').fill('>Perpetua: Show Log');
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: 'Perpetua: Show Log' })
          .first()
          .click();
        await page
          .locator('.part.panel .view-lines', { hasText: /Check\s+of[\s\S]*no\s+problems/ })
          .first()
          .waitFor({ timeout: 30000 })
          .catch(async (error) => {
            await shot('failed-check-database');
            throw error;
          });
        await shot('check-database-log-light');
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').fill('>View: Hide Panel');
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: 'View: Hide Panel' })
          .first()
          .click();
        await page.keyboard.press('Escape');
      },
    );

    await check('shows the same tree in the dark theme', async () => {
      await useTheme('dark');
      await page.mouse.move(1100, 800); // away from tabs and rows, so no hover tooltip covers them
      await shot('tree-dark');
    });

    // The other features' UI checks: test/e2e/<area>*.mjs export `tests = [{ name, run }]`; run gets the page
    // (workbench open, demo journeys loaded), screenshot(name) and useTheme('light' | 'dark').
    // PERPETUA_E2E_ONLY=<text> runs only the modules whose file name contains it.
    const only = process.env.PERPETUA_E2E_ONLY;
    const modules = readdirSync(join(ROOT, 'test/e2e'))
      .filter((f) => f.endsWith('.mjs') && (!only || f.includes(only)))
      .sort();
    // Keys typed while a webview has focus go to the webview, not the workbench; give focus back to the
    // workbench (a click on the side bar's title) before each check, and start each module with no editors.
    const focusWorkbench = async () => {
      await page.keyboard.press('Escape');
      await page.locator('.part.sidebar .title-label').first().click();
    };
    for (const file of modules) {
      const { tests = [] } = await import(pathToFileURL(join(ROOT, 'test/e2e', file)).href);
      await focusWorkbench();
      await runPaletteCommand('View: Close All Editors');
      for (const test of tests) {
        await focusWorkbench();
        await check(`${file}: ${test.name}`, () => test.run({ page, screenshot: shot, useTheme }));
      }
    }
  } finally {
    await browser.close();
    await cs.stop();
  }
}

main()
  .catch((error) => {
    console.error(`e2e: ${error.stack ?? error}`);
    results.failed += 1;
  })
  .finally(() => {
    report();
    process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
  });
