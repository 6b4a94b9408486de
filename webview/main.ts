import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import './styles.css';
import type { ToWebviewMessage } from '../src/protocol';
import { showArtifactPage, updateArtifactPage } from './artifactPage';
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
/** The artifact the page shows (its head or all of it), if it shows one. */
let shownArtifactId: string | undefined;

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
      const isWanted = () => current === shown;
      journeyPage = undefined;
      // `rendered` means the whole artifact is in the page (tests and the benchmark wait for it): not after a
      // head, only after the `showArtifact` that follows it.
      delete document.body.dataset.rendered;
      updateState({ target: { kind: 'artifact', artifactId: message.artifact.id } });
      const sameArtifact = shownArtifactId === message.artifact.id;
      shownArtifactId = message.artifact.id;
      // The whole after its head, or a newer version of the document shown: updated in place, so the reader
      // keeps their place and the head is not rendered twice.
      const rendering =
        message.type === 'showArtifactHead'
          ? showArtifactPage(app, message.artifact, message.options, isWanted, message.wholeBytes)
          : ((sameArtifact
              ? updateArtifactPage(app, message.artifact, message.options, isWanted)
              : undefined) ?? showArtifactPage(app, message.artifact, message.options, isWanted));
      performance.mark('perpetua:first-content');
      app.removeAttribute('aria-busy');
      restoreScroll(false);
      await rendering;
      if (!isWanted() || message.type === 'showArtifactHead') return;
      restoreScroll(true);
      document.body.dataset.rendered = 'true';
      return;
    }
    case 'showJourney': {
      shown++;
      shownArtifactId = undefined;
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
      // Whatever was rendering is no longer wanted, and the page is not a rendered artifact.
      shown++;
      shownArtifactId = undefined;
      delete document.body.dataset.rendered;
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
