import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import './styles.css';
import type { ToWebviewMessage } from '../src/protocol';
import { showArtifactPage } from './artifactPage';
import { el } from './dom';
import { JourneyPage } from './journey/journeyPage';
import { interceptLinks } from './links';
import { restoreScroll } from './scrollPosition';
import { startPage } from './pageStart';
import { updateState } from './vscodeApi';

// The webview's entry: wires links and scroll state, then renders whatever the host sends (`ready` was said
// by pageStart.ts, usually from boot.js before this bundle arrived).

const app = document.getElementById('app') ?? document.body.appendChild(el('main', { id: 'app' }));
let journeyPage: JourneyPage | undefined;
/** Counts the things shown, so a render that was overtaken by a newer one does not report completion. */
let shown = 0;

function notice(level: 'info' | 'error', message: string): void {
  const box = el('div', { class: `notice ${level}`, role: level === 'error' ? 'alert' : 'status' }, message);
  document.body.prepend(box);
  setTimeout(() => box.remove(), 8000);
}

/** The one handler for host messages; narrows on `type`. */
async function handle(message: ToWebviewMessage): Promise<void> {
  performance.mark(`perpetua:${message.type}`);
  switch (message.type) {
    case 'showArtifactHead':
    case 'showArtifact': {
      const current = ++shown;
      journeyPage = undefined;
      // `rendered` means the whole artifact is in the page (tests and the benchmark wait for it); a head's
      // `showArtifact` follows it and sets it.
      delete document.body.dataset.rendered;
      updateState({ target: { kind: 'artifact', artifactId: message.artifact.id } });
      const rendering = showArtifactPage(app, message.artifact, message.options);
      performance.mark('perpetua:first-content');
      app.removeAttribute('aria-busy');
      restoreScroll(false);
      await rendering;
      if (current !== shown || message.type === 'showArtifactHead') return;
      restoreScroll(true);
      document.body.dataset.rendered = 'true';
      return;
    }
    case 'showJourney': {
      shown++;
      updateState({ target: { kind: 'journey', journeyId: message.journey.id } });
      journeyPage ??= new JourneyPage(app);
      journeyPage.show(message.journey, message.options, message.scrollToStageId);
      performance.mark('perpetua:first-content');
      app.removeAttribute('aria-busy');
      if (!message.scrollToStageId) restoreScroll(true);
      document.body.dataset.rendered = 'true';
      return;
    }
    case 'artifactContent':
      journeyPage?.fill(message.artifact);
      return;
    case 'scrollToStage':
      journeyPage?.scrollToStage(message.stageId);
      return;
    case 'unavailable':
      journeyPage = undefined;
      app.removeAttribute('aria-busy');
      app.replaceChildren(
        el(
          'div',
          { class: 'unavailable', role: 'alert' },
          el('h1', {}, 'Nothing to show'),
          el('p', {}, message.message),
        ),
      );
      return;
    case 'notice':
      notice(message.level, message.message);
      return;
  }
}

interceptLinks();
startPage().listen((event: MessageEvent<ToWebviewMessage>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null || typeof message.type !== 'string') return;
  handle(message).catch((error: unknown) => notice('error', `Could not show this: ${String(error)}`));
});
