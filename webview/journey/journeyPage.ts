import {
  allowedJourneyActions,
  type ArtifactDto,
  type ArtifactSummaryDto,
  type JourneyAction,
  type JourneyDto,
  type StageDto,
} from '../../src/protocol';
import { button, el, formatBytes, nextFrame, timeElement } from '../dom';
import { renderArtifactBody } from '../render/artifact';
import { renderMarkdownInline } from '../render/markdown';
import type { SanitizeOptions } from '../render/sanitize';
import { foldOf, post, setFold } from '../vscodeApi';

// A whole journey on one page: input, status with actions, settings, and the stages as a timeline. Artifact
// bodies load on demand (when their section is open and on screen), so 200 artifacts cost nothing upfront;
// rendered bodies are kept across refreshes while their artifact is unchanged.

/** Artifacts up to this size start open in the timeline; bigger ones start folded. */
const INLINE_OPEN_BYTES = 16 * 1024;
/** Stages rendered before the first paint; the rest follow in batches of this size. */
const EAGER_STAGES = 8;

const ACTION_LABELS: Record<JourneyAction, { label: string; icon: string }> = {
  pause: { label: 'Pause', icon: 'debug-pause' },
  resume: { label: 'Resume', icon: 'debug-continue' },
  stop: { label: 'Stop', icon: 'debug-stop' },
  complete: { label: 'Mark Complete', icon: 'check' },
};

interface ArtifactSlot {
  summary: ArtifactSummaryDto;
  body: HTMLElement;
  state: 'idle' | 'requested' | 'rendered';
}

export class JourneyPage {
  private journey: JourneyDto | undefined;
  private generation = 0;
  private options: SanitizeOptions = { allowRemoteImages: false };
  private readonly slots = new Map<string, ArtifactSlot>();
  /** Rendered bodies by artifact id, reused when a refresh brings the same version. */
  private readonly rendered = new Map<string, { updatedAt: number; body: HTMLElement }>();
  private readonly observer = new IntersectionObserver((entries) => this.onVisible(entries), {
    rootMargin: '400px 0px',
  });

  constructor(private readonly app: HTMLElement) {}

  show(journey: JourneyDto, options: SanitizeOptions, scrollToStageId?: string): void {
    const isRefresh = this.journey?.id === journey.id;
    const scrollY = window.scrollY;
    const generation = ++this.generation;
    delete this.app.dataset.complete;
    this.journey = journey;
    this.options = options;
    this.observer.disconnect();
    this.slots.clear();
    const stages = el('ol', { class: 'timeline', 'aria-label': 'Stages' });
    this.app.replaceChildren(
      this.header(journey),
      this.settings(journey),
      el('h2', { class: 'section-title' }, `Stages (${journey.stages.length})`),
      stages,
    );
    if (journey.stages.length === 0) stages.append(el('li', { class: 'empty' }, 'No stages yet.'));
    document.title = `Journey: ${journey.input.slice(0, 60)}`;
    // The first screen (or everything up to the stage to scroll to, or all on a refresh, which keeps the
    // scroll position) goes in now; the rest follows in batches, so a long journey opens at once.
    const target = scrollToStageId ? journey.stages.findIndex((s) => s.id === scrollToStageId) : -1;
    const eager = isRefresh ? journey.stages.length : Math.max(EAGER_STAGES, target + 1);
    const append = (from: number, to: number) => {
      for (let i = from; i < Math.min(to, journey.stages.length); i++)
        stages.append(this.stage(journey.stages[i]!, i + 1));
    };
    append(0, eager);
    if (scrollToStageId) this.scrollToStage(scrollToStageId);
    else if (isRefresh) window.scrollTo(0, scrollY);
    void (async () => {
      for (let from = eager; from < journey.stages.length; from += EAGER_STAGES) {
        await nextFrame();
        if (generation !== this.generation) return;
        append(from, from + EAGER_STAGES);
      }
      if (generation === this.generation) this.app.dataset.complete = 'true';
    })();
  }

  scrollToStage(stageId: string): void {
    const target = [...this.app.querySelectorAll<HTMLElement>('li.stage')].find(
      (li) => li.dataset.stageId === stageId,
    );
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
    target.classList.add('highlight');
    setTimeout(() => target.classList.remove('highlight'), 1600);
  }

  /** Content for an artifact body that asked for it. */
  fill(artifact: ArtifactDto): void {
    const slot = this.slots.get(artifact.id);
    if (!slot) return;
    slot.state = 'rendered';
    slot.body.replaceChildren();
    slot.body.removeAttribute('aria-busy');
    this.rendered.set(artifact.id, { updatedAt: artifact.updatedAt, body: slot.body });
    void renderArtifactBody(artifact, slot.body, { options: this.options, inline: true });
  }

  private header(journey: JourneyDto): HTMLElement {
    const input = el('div', { class: 'journey-input' });
    renderMarkdownInline(journey.input, input, this.options);
    const artifacts = journey.stages.reduce((n, s) => n + s.artifacts.length, 0);
    const status = el(
      'vscode-badge',
      {
        variant: 'default',
        class: `status-badge status-${journey.status}`,
        'aria-label': `Status: ${journey.status}`,
      },
      journey.status,
    );
    const actions = el('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Journey actions' });
    for (const action of allowedJourneyActions(journey.status)) {
      const { label, icon } = ACTION_LABELS[action];
      actions.append(
        button(label, icon, () => post({ type: 'journeyAction', journeyId: journey.id, action })),
      );
    }
    if (journey.status === 'running')
      actions.prepend(el('vscode-progress-ring', { class: 'running-ring', 'aria-label': 'Running' }));
    const meta = el(
      'dl',
      { class: 'meta' },
      el('div', {}, el('dt', {}, 'Status'), el('dd', {}, status)),
      el('div', {}, el('dt', {}, 'Started'), el('dd', {}, timeElement(journey.createdAt))),
      el('div', {}, el('dt', {}, 'Updated'), el('dd', {}, timeElement(journey.updatedAt))),
      el(
        'div',
        {},
        el('dt', {}, 'Contents'),
        el('dd', {}, `${journey.stages.length} stages · ${artifacts} artifacts`),
      ),
    );
    return el(
      'header',
      { class: 'page-header' },
      el(
        'h1',
        { class: 'page-title' },
        el('span', { class: 'codicon codicon-compass', 'aria-hidden': 'true' }),
        ' Journey',
      ),
      input,
      meta,
      actions,
    );
  }

  private settings(journey: JourneyDto): HTMLElement {
    const list = el('dl', { class: 'settings' });
    for (const [key, value] of Object.entries(journey.settings)) {
      const text = Array.isArray(value)
        ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
      list.append(el('div', {}, el('dt', {}, key), el('dd', {}, text)));
    }
    return this.collapsible('Settings', `settings:${journey.id}`, false, list);
  }

  private collapsible(
    heading: string,
    key: string,
    openByDefault: boolean,
    ...content: HTMLElement[]
  ): HTMLElement {
    const open = foldOf(key) ?? openByDefault;
    const c = el('vscode-collapsible', { heading, open, 'data-fold': key }, ...content);
    c.addEventListener('vsc-collapsible-toggle', (event) => {
      if (event.target === c) setFold(key, event.detail.open);
    });
    return c;
  }

  private stage(stage: StageDto, position: number): HTMLElement {
    const li = el('li', {
      class: `stage status-${stage.status}`,
      tabindex: -1,
      'data-stage-id': stage.id,
      'aria-label': `Stage ${position}: ${stage.type}, ${stage.status}`,
    });
    const heading = el(
      'h3',
      { class: 'stage-title' },
      el('span', { class: 'stage-number' }, `${position}.`),
      ` ${stage.type} `,
      el('vscode-badge', { variant: 'default', class: `status-badge status-${stage.status}` }, stage.status),
      ' ',
      timeElement(stage.createdAt),
    );
    li.append(heading);
    if (stage.status === 'running')
      li.append(el('vscode-progress-ring', { class: 'running-ring', 'aria-label': 'Stage running' }));
    if (stage.prompt) li.append(this.textSection('Prompt', stage.prompt));
    if (stage.result) li.append(this.textSection('Result', stage.result));
    if (stage.thinking) {
      li.append(
        this.collapsible(
          'Thinking',
          `thinking:${stage.id}`,
          false,
          el('pre', { class: 'thinking' }, stage.thinking),
        ),
      );
    }
    if (stage.artifacts.length > 0) {
      const list = el('div', {
        class: 'artifacts',
        role: 'list',
        'aria-label': `Artifacts of stage ${position}`,
      });
      for (const a of stage.artifacts) list.append(this.artifact(a));
      li.append(list);
    }
    return li;
  }

  private textSection(title: string, text: string): HTMLElement {
    const body = el('div', { class: 'markdown-body' });
    renderMarkdownInline(text, body, this.options);
    return el('section', { class: `stage-${title.toLowerCase()}` }, el('h4', {}, title), body);
  }

  private artifact(summary: ArtifactSummaryDto): HTMLElement {
    const key = `artifact:${summary.id}`;
    const cached = this.rendered.get(summary.id);
    const reuse = cached && cached.updatedAt === summary.updatedAt;
    const body = reuse
      ? cached.body
      : el('div', { class: 'artifact-slot', 'aria-busy': 'true' }, el('p', { class: 'loading' }, 'Loading…'));
    const slot: ArtifactSlot = { summary, body, state: reuse ? 'rendered' : 'idle' };
    this.slots.set(summary.id, slot);
    const c = this.collapsible(summary.title, key, summary.contentBytes <= INLINE_OPEN_BYTES, body);
    c.setAttribute('description', `${summary.type} · ${formatBytes(summary.contentBytes)}`);
    c.setAttribute('role', 'listitem');
    c.classList.add('artifact-item');
    c.dataset.artifactId = summary.id;
    const open = button(
      'Open in Panel',
      'open-preview',
      () => post({ type: 'openArtifact', artifactId: summary.id }),
      { iconOnly: true },
    );
    open.setAttribute('slot', 'decorations');
    c.append(open);
    c.addEventListener('vsc-collapsible-toggle', (event) => {
      if (event.target === c && event.detail.open) this.request(slot);
    });
    this.observer.observe(c);
    return c;
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const id = (entry.target as HTMLElement).dataset.artifactId;
      const slot = id ? this.slots.get(id) : undefined;
      if (slot && entry.target.hasAttribute('open')) this.request(slot);
    }
  }

  private request(slot: ArtifactSlot): void {
    if (slot.state !== 'idle') return;
    slot.state = 'requested';
    post({ type: 'loadArtifact', artifactId: slot.summary.id });
  }
}
