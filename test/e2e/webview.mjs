// UI checks of the rendered views in code-server + Chromium: what a person sees inside the webviews.
// Loaded by scripts/vscode/run-e2e.mjs after the demo journeys are in the tree.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XSS_JOURNEY_ID, xssDocument } from './webviewCorpus.mjs';
import {
  LARGE_DOCUMENT_ID,
  LARGE_DOCUMENT_SECTIONS,
  LARGE_DOCUMENT_TITLE,
  LARGE_JOURNEY_INPUT,
  largeDocumentJourneys,
} from './webviewLargeDocument.mjs';

const THEMES = { light: 'Light Modern', dark: 'Dark Modern', hc: 'Dark High Contrast' };
const THEME_CLASSES = {
  light: 'vscode-theme-defaults-themes-light_modern-json',
  dark: 'vscode-theme-defaults-themes-dark_modern-json',
  hc: 'vscode-theme-defaults-themes-hc_black-json',
};

async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  // F1 from inside a webview reaches the workbench only when the webview forwards it; if the palette did not
  // open, use the command center in the title bar, as a person would.
  if (!(await input.isVisible().catch(() => false))) {
    await page.waitForTimeout(500);
    if (!(await input.isVisible().catch(() => false)))
      await page.locator('.command-center .action-label').first().click();
  }
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ timeout: 30000 });
  await page.keyboard.press('Enter');
}

async function useTheme(page, theme) {
  await runCommand(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget input').fill(THEMES[theme]);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: THEMES[theme] }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (c) => document.querySelector('.monaco-workbench')?.classList.contains(c),
    THEME_CLASSES[theme],
    { timeout: 20000 },
  );
  await page.waitForTimeout(400);
}

/** Everything a Perpetua page reports about itself, or undefined for frames that are not ours. */
async function describe(frame) {
  try {
    return await frame.evaluate(() =>
      document.body?.dataset.view
        ? {
            view: document.body.dataset.view,
            title: document.title,
            rendered: document.body.dataset.rendered === 'true',
            theme: document.body.className,
          }
        : undefined,
    );
  } catch {
    return undefined; // detached or not yet loaded
  }
}

/** The webview frame whose page matches `predicate` (polled: webviews load after their tab appears). */
async function webviewFrame(page, predicate, what, timeout = 30000) {
  const until = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      const info = await describe(frame);
      if (info && predicate(info)) return frame;
    }
    if (Date.now() > until) throw new Error(`no webview showing ${what} within ${timeout / 1000} s`);
    await page.waitForTimeout(200);
  }
}

async function openJourneyFromPalette(page, text) {
  // A webview that had focus can report it to the workbench late and close a picker that just opened;
  // a person would simply open it again, and so does this.
  for (let attempt = 1; ; attempt++) {
    try {
      await runCommand(page, 'Perpetua: Open Journey');
      await page
        .locator('.quick-input-widget .quick-input-title', { hasText: 'Open a Perpetua journey' })
        .waitFor({ timeout: 30000 });
      await page.locator('.quick-input-widget input').fill(text, { timeout: 30000 });
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: text })
        .first()
        .waitFor({ timeout: 30000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.waitForTimeout(500);
    }
  }
}

const journeyFrame = (page, start) =>
  webviewFrame(
    page,
    (i) => i.view === 'journey' && i.rendered && i.title.startsWith(`Journey: ${start}`),
    `the journey "${start}"`,
  );

/** Clicks "Open in Panel" on an artifact of the journey page and returns the artifact's own page. */
async function openArtifactFromJourney(page, journey, artifactId, title) {
  const item = journey.locator(`vscode-collapsible[data-artifact-id="${artifactId}"]`);
  await item.scrollIntoViewIfNeeded();
  await item.locator('vscode-button[aria-label="Open in Panel"]').click();
  return webviewFrame(
    page,
    (i) => i.view === 'artifact' && i.rendered && i.title === title,
    `the artifact "${title}"`,
  );
}

async function waitForIn(frame, selector, what, timeout = 20000) {
  try {
    await frame.locator(selector).first().waitFor({ state: 'attached', timeout });
  } catch {
    throw new Error(`${what}: no "${selector}" in the webview`);
  }
}

async function assertNoScriptRan(page, dialogs) {
  if (dialogs.length > 0) throw new Error(`a dialog opened: ${dialogs.join(' | ')}`);
  for (const frame of page.frames()) {
    let marker;
    try {
      marker = await frame.evaluate(() => window.__xss);
    } catch {
      continue; // a frame that went away
    }
    if (marker !== undefined) throw new Error(`window.__xss is ${marker} in frame ${frame.url()}`);
  }
}

async function luminance(frame) {
  return frame.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
}

/** Imports `exported` (the exchange format) with the Import Journeys command, as a person would. */
async function importJourneys(page, fileName, exported, journeyText) {
  const folder = new URL(page.url()).searchParams.get('folder');
  const file = join(folder, fileName);
  writeFileSync(file, JSON.stringify(exported, null, 2));
  await runCommand(page, 'Perpetua: Import Journeys');
  // VS Code's own file dialog in the browser: a quick input that takes a path.
  await page
    .locator('.quick-input-widget .quick-input-title', { hasText: 'Import Journeys' })
    .waitFor({ timeout: 30000 });
  const input = page.locator('.quick-input-widget input');
  // The dialog fills in its start folder asynchronously; typing before that is overwritten, so wait for
  // it, then type the file and check the value held before pressing Enter.
  await page.waitForFunction(
    () => document.querySelector('.quick-input-widget input')?.value.endsWith('/'),
    undefined,
    { timeout: 30000 },
  );
  for (let attempt = 0; attempt < 5 && (await input.inputValue()) !== file; attempt++) {
    await input.fill(file);
    await page.waitForTimeout(300);
  }
  await page.keyboard.press('Enter');
  await page
    .locator('[id="workbench.view.extension.perpetua"] [role="treeitem"][aria-level="1"]', {
      hasText: journeyText,
    })
    .first()
    .waitFor({ timeout: 30000 });
}

const SYNC = 'Design a local-first sync protocol';
const RETRIES = 'Why do retries with exponential backoff';
const ONBOARDING = 'Map where beta users drop off';
const CHECKPOINTS = 'How should SQLite WAL checkpoints';

/** Opens a journey from the palette, then one of its artifacts with the page's "Open in Panel" button. */
async function showArtifact(page, journeyText, artifactId, title) {
  await openJourneyFromPalette(page, journeyText);
  const journey = await journeyFrame(page, journeyText);
  return openArtifactFromJourney(page, journey, artifactId, title);
}

export const tests = [
  {
    name: 'opens the journey view when a journey is clicked in the tree, with its stages as a timeline',
    run: async ({ page, screenshot }) => {
      await useTheme(page, 'light');
      const row = page.locator('[id="workbench.view.extension.perpetua"] [role="treeitem"][aria-level="1"]', {
        hasText: SYNC,
      });
      await row.first().click();
      const journey = await journeyFrame(page, SYNC);
      await waitForIn(journey, 'li.stage', 'the timeline');
      const stages = await journey.locator('li.stage').count();
      if (stages < 3) throw new Error(`the timeline shows ${stages} stages`);
      await waitForIn(journey, '.page-header .journey-input', 'the journey input');
      const actions = await journey.locator('.page-header [role="toolbar"] vscode-button').allTextContents();
      if (!actions.some((a) => /Pause|Resume/.test(a)))
        throw new Error(`journey actions: ${actions.join(', ')}`);
      // Thinking is folded by default.
      const thinking = journey.locator('vscode-collapsible[heading="Thinking"]').first();
      if ((await thinking.count()) > 0 && (await thinking.getAttribute('open')) !== null)
        throw new Error('thinking starts open');
      await journey
        .locator('vscode-collapsible[data-artifact-id] .artifact-body')
        .first()
        .waitFor({ timeout: 20000 });
      await screenshot('webview-journey-light');
    },
  },
  {
    name: 'renders every demo artifact type in its own panel: headings, highlighted code, diagrams, charts, mindmap nodes',
    run: async ({ page, screenshot }) => {
      const review = await showArtifact(page, RETRIES, 'artifact_demo_retries_review', 'Retry policy review');
      await waitForIn(review, '.markdown-body h1', 'document heading');
      await waitForIn(review, '.markdown-body table th', 'document table');
      await waitForIn(review, '.markdown-body code.hljs', 'document code block');
      await waitForIn(review, '.mermaid-block.rendered svg', 'mermaid diagram in the document');
      await screenshot('webview-document-light');

      const code = await showArtifact(
        page,
        RETRIES,
        'artifact_demo_retries_helper',
        'retry.ts: backoff with full jitter',
      );
      await waitForIn(code, 'pre.code-block code.hljs .hljs-keyword', 'highlighted code');
      const lines = await code.locator('.gutter').textContent();
      if (!lines.startsWith('1\n2\n3')) throw new Error('no line numbers');
      await screenshot('webview-code-light');

      const chart = await showArtifact(
        page,
        RETRIES,
        'artifact_demo_retries_chart',
        'Load after recovery by retry policy',
      );
      await waitForIn(chart, '.chart svg path', 'vega-lite chart');
      await screenshot('webview-vega-light');

      const notes = await showArtifact(
        page,
        RETRIES,
        'artifact_demo_retries_notes',
        'Incident notes: orders outage 14 Feb',
      );
      await waitForIn(notes, '.artifact-content pre', 'plain text of an "other" artifact');

      const flow = await showArtifact(page, SYNC, 'artifact_demo_sync_flow', 'Sync session flow');
      await waitForIn(flow, '.visualization .diagram svg', 'mermaid visualization');
      const labels = await flow.locator('.diagram svg text').allTextContents();
      if (!labels.join(' ').includes('Send version'))
        throw new Error(`diagram labels: ${labels.slice(0, 5).join(', ')}`);
      await screenshot('webview-mermaid-light');

      const outline = await showArtifact(
        page,
        SYNC,
        'artifact_demo_sync_outline',
        'Local-first sync: design outline',
      );
      await waitForIn(outline, '.mindmap-node[aria-level="1"]', 'mindmap root');
      const before = await outline.locator('.mindmap-node').count();
      if (before < 10) throw new Error(`the mindmap shows ${before} nodes`);
      // Fold a branch with the keyboard (focus a first-level node, Enter), unfold it with a click.
      const branch = outline.locator('.mindmap-node[aria-level="2"]').first();
      await branch.focus();
      await branch.press('Enter');
      const after = await outline.locator('.mindmap-node').count();
      if (after >= before) throw new Error(`folding left ${after} of ${before} nodes`);
      await outline.locator('.mindmap-node[aria-level="2"]').first().click();
      const again = await outline.locator('.mindmap-node').count();
      if (again !== before) throw new Error(`unfolding by click shows ${again} of ${before} nodes`);
      await screenshot('webview-mindmap-light');

      const tree = await showArtifact(page, ONBOARDING, 'artifact_demo_onboarding_tree', 'Onboarding funnel');
      await waitForIn(tree, '.mindmap-node[aria-level="2"]', 'JSON mindmap');
      const json = await showArtifact(
        page,
        ONBOARDING,
        'artifact_demo_onboarding_error',
        'Failed warehouse request',
      );
      await waitForIn(json, 'pre.json code.hljs .hljs-attr', 'pretty-printed JSON');
      const svg = await showArtifact(
        page,
        CHECKPOINTS,
        'artifact_demo_checkpoints_svg',
        'WAL size with a pinned reader',
      );
      await waitForIn(svg, '.format-svg svg polyline', 'sanitized SVG');
    },
  },
  {
    name: 'looks native in the dark theme and follows a theme switch without reopening',
    run: async ({ page, screenshot }) => {
      const review = await showArtifact(page, RETRIES, 'artifact_demo_retries_review', 'Retry policy review');
      await waitForIn(review, '.mermaid-block.rendered svg', 'diagram');
      const light = await luminance(review);
      await useTheme(page, 'dark');
      const dark = await webviewFrame(
        page,
        (i) => i.view === 'artifact' && i.title === 'Retry policy review' && i.theme.includes('vscode-dark'),
        'the page in the dark theme',
      );
      const l = await luminance(dark);
      if (!(light > 0.8 && l < 0.25))
        throw new Error(`page background luminance light ${light.toFixed(2)}, dark ${l.toFixed(2)}`);
      await waitForIn(dark, '.mermaid-block.rendered svg', 'diagram after the switch');
      await page.waitForTimeout(500);
      await screenshot('webview-document-dark');
      await openJourneyFromPalette(page, SYNC);
      const journey = await journeyFrame(page, SYNC);
      await journey
        .locator('vscode-collapsible[data-artifact-id] .artifact-body')
        .first()
        .waitFor({ timeout: 20000 });
      await screenshot('webview-journey-dark');
      const mindmap = await showArtifact(
        page,
        SYNC,
        'artifact_demo_sync_outline',
        'Local-first sync: design outline',
      );
      await waitForIn(mindmap, '.mindmap-node', 'mindmap');
      await screenshot('webview-mindmap-dark');
      const code = await showArtifact(page, SYNC, 'artifact_demo_sync_hlc', 'hlc.rs: hybrid logical clock');
      await waitForIn(code, 'code.hljs .hljs-keyword', 'highlighted code');
      await screenshot('webview-code-dark');
      const chart = await showArtifact(
        page,
        RETRIES,
        'artifact_demo_retries_chart',
        'Load after recovery by retry policy',
      );
      await waitForIn(chart, '.chart svg path', 'vega-lite chart');
      await screenshot('webview-vega-dark');
      // High contrast: the page follows (VS Code's class on <body>) and stays readable.
      await useTheme(page, 'hc');
      const hc = await webviewFrame(
        page,
        (i) =>
          i.view === 'artifact' &&
          i.title === 'Load after recovery by retry policy' &&
          i.theme.includes('vscode-high-contrast'),
        'the page in high contrast',
      );
      await waitForIn(hc, '.chart svg path', 'chart in high contrast');
      await page.waitForTimeout(800);
      await screenshot('webview-vega-hc');
      const hcDoc = await showArtifact(page, RETRIES, 'artifact_demo_retries_review', 'Retry policy review');
      await waitForIn(hcDoc, '.mermaid-block.rendered svg', 'diagram in high contrast');
      await screenshot('webview-document-hc');
      await useTheme(page, 'light');
    },
  },
  {
    name: 'renders an XSS corpus stored as artifacts with no script running, no dialog and no escape from the page',
    run: async ({ page, screenshot }) => {
      const dialogs = [];
      const onDialog = (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss().catch(() => undefined);
      };
      page.on('dialog', onDialog);
      try {
        await importJourneys(page, 'xss-corpus.json', xssDocument(), 'XSS corpus');
        await openJourneyFromPalette(page, 'XSS corpus');
        const journey = await journeyFrame(page, 'XSS corpus');
        // Every artifact of the corpus is small, so all start open; bodies load as they come on screen, so
        // bring each into view and wait until it is drawn (no loading or drawing placeholder left).
        const ids = await journey
          .locator('.artifact-item')
          .evaluateAll((items) => items.map((i) => i.dataset.artifactId));
        if (ids.length !== 9) throw new Error(`the corpus journey shows ${ids.length} of 9 artifacts`);
        for (const id of ids) {
          const item = journey.locator(`vscode-collapsible[data-artifact-id="${id}"]`);
          await item.scrollIntoViewIfNeeded();
          await item.locator('.artifact-body').waitFor({ state: 'attached', timeout: 20000 });
          await journey.waitForFunction(
            (i) =>
              !document.querySelector(
                `[data-artifact-id="${i}"] [aria-busy="true"], [data-artifact-id="${i}"] .drawing`,
              ),
            id,
            { timeout: 30000 },
          );
        }
        await journey.locator('vscode-collapsible[heading="Thinking"]').first().click();
        await page.waitForTimeout(1500); // time for anything that would run late (onload, refresh, animations)
        await screenshot('webview-xss-journey-light');
        for (const text of [
          'corpus rendered',
          'svg corpus rendered',
          'html corpus rendered',
          'code corpus rendered',
          'other corpus rendered',
          'thinking stays text',
        ]) {
          if ((await journey.getByText(text).count()) === 0)
            throw new Error(`"${text}" is not on the page: the corpus did not render`);
        }
        const counts = await journey.evaluate(() => ({
          // VS Code adds one script of its own (acquireVsCodeApi) to the page head; ours are boot.js and main.js.
          scripts: [...document.querySelectorAll('script')].filter(
            (s) => s.closest('#app') || (s.src && !/\/(boot|main)\.js$/.test(s.src)),
          ).length,
          handlers: document.querySelectorAll('[onerror],[onload],[onfocus],[ontoggle],[onmouseover]').length,
          frames: document.querySelectorAll('iframe,object,embed,frame').length,
          styles: document.querySelectorAll('#app style, #app link, #app meta, #app base').length,
          jsLinks: [...document.querySelectorAll('a')].filter((a) =>
            /^\s*(javascript|command|file|vscode|data):/i.test(
              a.getAttribute('href') ?? a.getAttribute('xlink:href') ?? '',
            ),
          ).length,
          bodyVisible: getComputedStyle(document.body).display !== 'none',
          styledAttributes: document.querySelectorAll('#app [style*="url("]').length,
          remoteImages: [...document.querySelectorAll('img')].filter((i) =>
            /^https?:/.test(i.getAttribute('src') ?? ''),
          ).length,
        }));
        if (counts.scripts !== 0) throw new Error(`${counts.scripts} <script> elements from content`);
        for (const key of ['handlers', 'frames', 'styles', 'jsLinks', 'styledAttributes', 'remoteImages']) {
          if (counts[key] !== 0) throw new Error(`${counts[key]} ${key} survived sanitizing`);
        }
        if (!counts.bodyVisible) throw new Error('a CSS payload hid the page');
        // The links a person could click: a stripped javascript: link does nothing; a credential link is refused
        // by the host with a message; the command: link does not run its command.
        const sidebar = page.locator('#workbench\\.parts\\.sidebar');
        const sidebarVisible = await sidebar.isVisible();
        for (const name of [
          'javascript link',
          'entity-encoded javascript link',
          'command link',
          'file link',
          'vscode link',
        ]) {
          await journey.getByText(name, { exact: true }).first().click();
        }
        await page.waitForTimeout(500);
        if ((await sidebar.isVisible()) !== sidebarVisible)
          throw new Error('a command: link ran its command');
        await runCommand(page, 'Notifications: Clear All Notifications');
        await journey.getByText('credential link', { exact: true }).first().click();
        try {
          await page
            .getByText('Perpetua did not open this link', { exact: false })
            .first()
            .waitFor({ timeout: 30000 });
        } catch {
          await screenshot('webview-xss-link-failure');
          throw new Error('no message that the credential link was refused');
        }
        const doc = await openArtifactFromJourney(
          page,
          journey,
          'artifact_xss_doc',
          'XSS document <img src=x onerror=alert(76)>',
        );
        await waitForIn(doc, '.markdown-body h1', 'the corpus document');
        const svg = await showArtifact(page, 'XSS corpus', 'artifact_xss_svg', 'XSS svg');
        await waitForIn(svg, '.format-svg svg text', 'the corpus svg');
        await svg.locator('.format-svg svg text').first().hover();
        await svg.locator('.format-svg svg text').first().click();
        await page.waitForTimeout(1000);
        await screenshot('webview-xss-svg-light');
        await assertNoScriptRan(page, dialogs);
      } finally {
        page.off('dialog', onDialog);
      }
    },
  },
  {
    name: 'shows a long document from its first heading at once, and ends up with all of it',
    run: async ({ page, screenshot }) => {
      await importJourneys(page, 'large-document.json', largeDocumentJourneys(), LARGE_JOURNEY_INPUT);
      await openJourneyFromPalette(page, LARGE_JOURNEY_INPUT);
      const journey = await journeyFrame(page, LARGE_JOURNEY_INPUT);
      const item = journey.locator(`vscode-collapsible[data-artifact-id="${LARGE_DOCUMENT_ID}"]`);
      await item.scrollIntoViewIfNeeded();
      await item.locator('vscode-button[aria-label="Open in Panel"]').click();
      // Not waiting for `rendered`: the first heading must be there whether or not the rest is.
      const doc = await webviewFrame(
        page,
        (i) => i.view === 'artifact' && i.title === LARGE_DOCUMENT_TITLE,
        'the long document',
      );
      await waitForIn(doc, '.markdown-body h1', 'the first heading of the long document');
      await doc.waitForFunction(() => document.body.dataset.rendered === 'true', undefined, {
        timeout: 30000,
      });
      const final = await doc.evaluate(() => ({
        sections: document.querySelectorAll('.markdown-body h2').length,
        last: [...document.querySelectorAll('.markdown-body h2')].pop()?.textContent,
        headings: document.querySelectorAll('.markdown-body h1').length,
        tasks: document.querySelectorAll('.markdown-body .task-list-item').length,
        // The reference is defined at the end of the document; every use of it, first screen included, links.
        links: document.querySelectorAll('.markdown-body a[href="https://example.com/guide"]').length,
      }));
      const n = LARGE_DOCUMENT_SECTIONS;
      if (final.sections !== n || final.last !== `Section ${n}` || final.headings !== 1)
        throw new Error(`the long document ended with ${JSON.stringify(final)}`);
      if (final.tasks !== 2 * n || final.links !== n)
        throw new Error(`task lists or reference links missing: ${JSON.stringify(final)}`);
      await waitForIn(doc, '.markdown-body code.hljs', 'highlighted code in the long document');
      await screenshot('webview-large-document-light');
    },
  },
  {
    name: 'opens an allowed https link only through VS Code, after asking',
    run: async ({ page }) => {
      await openJourneyFromPalette(page, 'XSS corpus');
      const journey = await journeyFrame(page, 'XSS corpus');
      await journey.evaluate(() => {
        // A link as a model would write it, added to the rendered document the way markdown renders it.
        const a = document.createElement('a');
        a.href = 'https://example.com/perpetua-e2e';
        a.textContent = 'safe https link';
        document.querySelector('.markdown-body')?.append(a);
      });
      await journey.getByText('safe https link').click();
      // VS Code's own link protection asks before opening an external site: proof the host called openExternal.
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'example.com' });
      await dialog.waitFor({ timeout: 30000 });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'brings open panels back after a reload, showing the same artifact and journey',
    run: async ({ page, screenshot }) => {
      await showArtifact(page, SYNC, 'artifact_demo_sync_flow', 'Sync session flow');
      await page.waitForTimeout(1500); // the workbench saves editor state shortly after changes
      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
      const tab = page.locator('.tabs-container .tab', { hasText: 'Sync session flow' }).first();
      try {
        await tab.waitFor({ timeout: 30000 });
      } catch {
        await screenshot('webview-restore-failure');
        const tabs = await page.locator('.tabs-container .tab').allTextContents();
        throw new Error(
          `the artifact's tab did not come back; tabs after reload: ${tabs.join(' | ') || '(none)'}`,
        );
      }
      await tab.click();
      const restored = await webviewFrame(
        page,
        (i) => i.view === 'artifact' && i.rendered && i.title === 'Sync session flow',
        'the restored artifact',
        60000,
      );
      await waitForIn(restored, '.visualization .diagram svg', 'the restored diagram');
      const tabs = await page.locator('.tabs-container .tab').allTextContents();
      if (!tabs.some((t) => t.includes('Journey: Design a local-first')))
        throw new Error(`tabs after reload: ${tabs.join(' | ')}`);
      await screenshot('webview-restored-light');
      await assertNoScriptRan(page, []);
      void XSS_JOURNEY_ID;
    },
  },
];
