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
import { post, savedState, updateState } from './vscodeApi';

// The webview's entry: wires links and scroll state, says `ready`, then renders whatever the host sends.

const app = document.getElementById('app') ?? document.body.appendChild(el('main', { id: 'app' }));
let journeyPage: JourneyPage | undefined;
let restoredScroll = false;

function restoreScroll(): void {
  if (restoredScroll) return;
  restoredScroll = true;
  const y = savedState().scrollY;
  if (y) requestAnimationFrame(() => window.scrollTo(0, y));
}

function notice(level: 'info' | 'error', message: string): void {
  const box = el('div', { class: `notice ${level}`, role: level === 'error' ? 'alert' : 'status' }, message);
  document.body.prepend(box);
  setTimeout(() => box.remove(), 8000);
}

/** The one handler for host messages; narrows on `type`. */
async function handle(message: ToWebviewMessage): Promise<void> {
  performance.mark(`perpetua:${message.type}`);
  switch (message.type) {
    case 'showArtifact': {
      journeyPage = undefined;
      updateState({ target: { kind: 'artifact', artifactId: message.artifact.id } });
      const rendering = showArtifactPage(app, message.artifact, message.options);
      performance.mark('perpetua:first-content');
      app.removeAttribute('aria-busy');
      restoreScroll();
      await rendering;
      document.body.dataset.rendered = 'true';
      return;
    }
    case 'showJourney': {
      updateState({ target: { kind: 'journey', journeyId: message.journey.id } });
      journeyPage ??= new JourneyPage(app);
      journeyPage.show(message.journey, message.options, message.scrollToStageId);
      performance.mark('perpetua:first-content');
      app.removeAttribute('aria-busy');
      if (!message.scrollToStageId) restoreScroll();
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

window.addEventListener('message', (event: MessageEvent<ToWebviewMessage>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null || typeof message.type !== 'string') return;
  handle(message).catch((error: unknown) => notice('error', `Could not show this: ${String(error)}`));
});

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer !== undefined) return;
  scrollTimer = window.setTimeout(() => {
    scrollTimer = undefined;
    updateState({ scrollY: Math.round(window.scrollY) });
  }, 200);
});

interceptLinks();
post(savedState().target ? { type: 'ready', target: savedState().target! } : { type: 'ready' });
