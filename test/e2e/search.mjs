// UI checks for Perpetua: Search and artifacts in editor tabs, typed with real keys into the real quick pick.
// Loaded by scripts/vscode/run-e2e.mjs with the demo journeys in the store.

const ROW = '.quick-input-widget .quick-input-list .monaco-list-row';
const TITLE = '.quick-input-widget .quick-input-title';

/** Closes whatever quick input is open, and waits until it has gone (it is inert while it fades out). */
async function closeQuickInput(page) {
  const widget = page.locator('.quick-input-widget');
  for (let i = 0; i < 3 && (await widget.isVisible()); i++) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => undefined);
  }
}

async function openSearch(page) {
  await closeQuickInput(page);
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Perpetua: Search…');
  await page.locator(ROW, { hasText: 'Perpetua: Search…' }).first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.locator(TITLE, { hasText: 'Search Perpetua' }).waitFor({ timeout: 30000 });
  // The palette hands over to our box; keys pressed before that finishes would go nowhere.
  await page.waitForTimeout(150);
  await page.locator('.quick-input-widget input').focus();
}

async function switchTheme(page, useTheme, theme) {
  await closeQuickInput(page);
  await useTheme(theme);
}

async function typeSearch(page, text) {
  await openSearch(page);
  await page.keyboard.type(text, { delay: 40 });
  await settle(page, text);
}

/** Waits until the box holds `text` and the title (where the picker reports) has stopped changing. */
async function settle(page, text) {
  await page
    .waitForFunction(
      (expected) => document.querySelector('.quick-input-widget input')?.value === expected,
      text,
      { timeout: 30000 },
    )
    .catch(async () => {
      const value = await page.locator('.quick-input-widget input').inputValue();
      const visible = await page.locator('.quick-input-widget').isVisible();
      throw new Error(`typed "${text}", the box reads "${value}" (visible: ${visible})`);
    });
  let previous = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(250);
    const title = await page.locator(TITLE).innerText();
    const busy = await page.locator('.quick-input-widget .monaco-progress-container.active').count();
    if (title === previous && busy === 0 && /—/.test(title)) return title;
    previous = title;
  }
  throw new Error(`the search for "${text}" did not settle: ${previous}`);
}

async function rowTexts(page) {
  return page.locator(ROW).allInnerTexts();
}

async function waitForTitle(page, pattern) {
  await page.waitForFunction(
    ([selector, source]) => new RegExp(source).test(document.querySelector(selector)?.textContent ?? ''),
    [TITLE, pattern.source],
    { timeout: 30000 },
  );
}

export const tests = [
  {
    name: 'finds demo artifacts and stages while typing, each with its journey, stage and snippet',
    run: async ({ page, screenshot, useTheme }) => {
      await switchTheme(page, useTheme, 'light'); // the checks before may have left the dark theme on
      await typeSearch(page, 'retr');
      // Each expected row, waited for (the list re-renders as results arrive, so no one-off snapshot).
      const row = (text) => page.locator(ROW, { hasText: text }).first().waitFor({ timeout: 30000 });
      await row('Retry policy review');
      await row('retry.ts: backoff with full jitter');
      await row(/Why do retries with exponential backoff.*› (Building|Solving)/);
      await row(/ stage · (result|prompt|thinking)/);
      await waitForTitle(page, /\d+\+? results?/);
      await page.waitForTimeout(200);
      await screenshot('search-results-light');
      await switchTheme(page, useTheme, 'dark');
      await typeSearch(page, 'retr');
      await page.locator(ROW, { hasText: 'Retry policy review' }).first().waitFor({ timeout: 30000 });
      await page.waitForTimeout(200);
      await screenshot('search-results-dark');
      await switchTheme(page, useTheme, 'light');
    },
  },
  {
    name: 'keeps only code artifacts when type:code is typed',
    run: async ({ page }) => {
      await typeSearch(page, 'type:code backoff');
      await waitForTitle(page, /type: code — \d+ results?/);
      const rows = await rowTexts(page);
      if (rows.length === 0) throw new Error('no rows');
      if (!rows.some((r) => r.includes('retry.ts: backoff with full jitter')))
        throw new Error(`the code artifact is missing: ${rows.join(' | ')}`);
      if (rows.some((r) => r.includes('Retry policy review')))
        throw new Error(`a document is shown under type:code: ${rows.join(' | ')}`);
    },
  },
  {
    name: 'filters by artifact type with the title-bar button, shown as a word in the box',
    run: async ({ page, screenshot }) => {
      await openSearch(page);
      await page
        .locator('.quick-input-titlebar .action-label[aria-label^="Filter by Artifact Type"]')
        .click();
      await page
        .locator('.quick-input-widget .quick-input-title', { hasText: 'Artifact types' })
        .waitFor({ timeout: 30000 });
      // "code" is in no other artifact type's name.
      await page.locator(ROW, { hasText: 'code' }).first().click();
      await page.waitForTimeout(200);
      await screenshot('search-filter-button-light');
      await page.keyboard.press('Enter');
      await page.locator(TITLE, { hasText: 'Search Perpetua' }).waitFor({ timeout: 30000 });
      await page
        .waitForFunction(
          () => document.querySelector('.quick-input-widget input')?.value === 'type:code ',
          undefined,
          { timeout: 30000 },
        )
        .catch(async () => {
          const value = await page.locator('.quick-input-widget input').inputValue();
          throw new Error(`the box reads "${value}", not "type:code "`);
        });
      await page.keyboard.type('jitter', { delay: 40 });
      await settle(page, 'type:code jitter');
      await waitForTitle(page, /type: code — \d+ results?/);
      const rows = await rowTexts(page);
      if (!rows.some((r) => r.includes('retry.ts: backoff with full jitter')))
        throw new Error(`the code artifact is missing: ${rows.join(' | ')}`);
      if (rows.some((r) => / stage · /.test(r)))
        throw new Error(`a stage is shown under type:code: ${rows.join(' | ')}`);
    },
  },
  {
    name: 'answers hostile queries with a message, never an error',
    run: async ({ page }) => {
      for (const text of ['"', 'NEAR(', '***', "'; DROP TABLE artifacts; --", 'type:nope x', '-only']) {
        await typeSearch(page, text);
        await waitForTitle(page, /No results|Type a word|results?|is not an artifact type/);
        const title = await page.locator(TITLE).innerText();
        if (/Unexpected|stopped unexpectedly/.test(title)) throw new Error(`"${text}": ${title}`);
      }
      const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
      if (toasts.some((t) => /error|failed/i.test(t)))
        throw new Error(`an error was shown: ${toasts.join(' | ')}`);
    },
  },
  {
    name: 'opens a hit in an editor tab with Enter, highlighted as code',
    run: async ({ page, screenshot, useTheme }) => {
      await typeSearch(page, 'type:code jitter');
      await page
        .locator(ROW, { hasText: 'retry.ts: backoff with full jitter' })
        .first()
        .waitFor({ timeout: 30000 });
      await page.keyboard.press('Enter');
      const tab = page.locator('.tabs-container .tab', { hasText: 'backoff with full jitter.ts' });
      await tab.first().waitFor({ timeout: 30000 });
      await page
        .locator('.monaco-editor .view-lines', { hasText: 'function' })
        .first()
        .waitFor({ timeout: 30000 });
      // Highlighting: the keywords get a token colour class, not just plain text.
      const tokenClasses = await page
        .locator('.monaco-editor .view-lines span[class^="mtk"]')
        .evaluateAll((spans) => new Set(spans.map((s) => s.className)).size);
      if (tokenClasses < 3) throw new Error(`the code is not highlighted (${tokenClasses} token colours)`);
      await page.waitForTimeout(300);
      await screenshot('artifact-tab-light');
      await switchTheme(page, useTheme, 'dark');
      await screenshot('artifact-tab-dark');
      await switchTheme(page, useTheme, 'light');
    },
  },
  {
    name: 'brings recent searches back when the box opens empty',
    run: async ({ page, screenshot }) => {
      // Let the editor opened before settle first: a late focus change closes a quick pick.
      await page.waitForTimeout(1000);
      await openSearch(page);
      const recent = page.locator(ROW, { hasText: 'type:code jitter' }).first();
      await recent.waitFor({ timeout: 30000 });
      if (!(await recent.innerText()).includes('recent search'))
        throw new Error('the row is not marked as recent');
      await page.waitForTimeout(300); // the quick pick fades in
      await screenshot('search-recent-light');
      if (!(await recent.isVisible())) throw new Error('the search box closed by itself');
    },
  },
];
