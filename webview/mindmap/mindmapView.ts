import { button, el } from '../dom';
import { savedState, updateState } from '../vscodeApi';
import { layoutMindmap, NODE_HEIGHT, type PlacedNode } from './layout';
import type { MindNode } from './parse';

// The interactive mindmap: an SVG tree that folds (click, Enter, Space, arrow keys), zooms (wheel, buttons,
// +/-) and pans (drag, Shift+arrows). It is a WAI-ARIA tree, so screen readers announce level and state.
// Fold state and the view transform are kept per artifact in the webview state.

const SVG = 'http://www.w3.org/2000/svg';
const MIN_SCALE = 0.2;
const MAX_SCALE = 4;

function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
  return e;
}

export class MindmapView {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly viewport: SVGGElement;
  private readonly folded: Set<string>;
  private scale = 1;
  private tx = 24;
  private ty = 24;
  private placed: PlacedNode[] = [];
  private focusedPath = '0';
  private readonly measureContext = document.createElement('canvas').getContext('2d');

  constructor(
    private readonly root: MindNode,
    private readonly key: string,
    title: string,
  ) {
    const saved = savedState().mindmaps?.[key];
    this.folded = new Set(saved?.folded ?? []);
    this.svg = svgEl('svg', { class: 'mindmap-canvas', role: 'tree', 'aria-label': `Mindmap: ${title}` });
    this.viewport = svgEl('g', { class: 'mindmap-viewport' });
    this.svg.append(this.viewport);
    const toolbar = el(
      'div',
      { class: 'mindmap-toolbar', role: 'toolbar', 'aria-label': 'Mindmap view' },
      button('Zoom in', 'zoom-in', () => this.zoomBy(1.25), { iconOnly: true }),
      button('Zoom out', 'zoom-out', () => this.zoomBy(0.8), { iconOnly: true }),
      button('Fit to view', 'screen-full', () => this.fit(), { iconOnly: true }),
      button('Expand all', 'expand-all', () => this.setAllFolded(false), { iconOnly: true }),
      button('Collapse all', 'collapse-all', () => this.setAllFolded(true), { iconOnly: true }),
    );
    const hint = el(
      'p',
      { class: 'mindmap-hint' },
      'Click or Enter folds a node · arrows move · +/− zoom · drag or Shift+arrows pan',
    );
    this.element = el('div', { class: 'mindmap' }, toolbar, this.svg, hint);
    this.draw();
    if (saved) {
      this.scale = saved.scale;
      this.tx = saved.x;
      this.ty = saved.y;
      this.applyTransform();
    } else {
      requestAnimationFrame(() => this.fit());
    }
    this.wire();
  }

  private measure(label: string, depth: number): number {
    const ctx = this.measureContext;
    const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
    if (!ctx) return label.length * 7.5;
    ctx.font = `${depth === 0 ? '600 14px' : '13px'} ${font}`;
    return ctx.measureText(label).width;
  }

  private draw(): void {
    this.placed = layoutMindmap(this.root, this.folded, (label, depth) => this.measure(label, depth));
    if (!this.placed.some((p) => p.path === this.focusedPath)) this.focusedPath = '0';
    const edges = svgEl('g', { class: 'mindmap-edges', 'aria-hidden': 'true' });
    const nodes = svgEl('g', { class: 'mindmap-nodes' });
    const groups = new Map<string, SVGGElement>();
    for (const p of this.placed) {
      if (p.parent) {
        const x1 = p.parent.x + p.parent.width;
        const y1 = p.parent.y + NODE_HEIGHT / 2;
        const x2 = p.x;
        const y2 = p.y + NODE_HEIGHT / 2;
        const mid = (x1 + x2) / 2;
        edges.append(
          svgEl('path', {
            d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`,
            class: `mindmap-edge depth-${Math.min(p.depth, 4)}`,
          }),
        );
      }
      const hasChildren = p.node.children.length > 0;
      const g = svgEl('g', {
        class: `mindmap-node depth-${Math.min(p.depth, 4)}${hasChildren ? ' has-children' : ''}${p.folded ? ' folded' : ''}`,
        transform: `translate(${p.x},${p.y})`,
        role: 'treeitem',
        'aria-level': p.depth + 1,
        'aria-label': p.node.text,
        tabindex: p.path === this.focusedPath ? 0 : -1,
        'data-path': p.path,
      });
      if (hasChildren) g.setAttribute('aria-expanded', String(!p.folded));
      const title = svgEl('title');
      title.textContent = p.node.text;
      const rect = svgEl('rect', { width: p.width, height: NODE_HEIGHT, rx: 6, ry: 6 });
      const text = svgEl('text', { x: 12, y: NODE_HEIGHT / 2, 'dominant-baseline': 'central' });
      text.textContent = p.label;
      g.append(title, rect, text);
      if (hasChildren) {
        const toggle = svgEl('g', {
          class: 'mindmap-toggle',
          transform: `translate(${p.width - 14},${NODE_HEIGHT / 2})`,
          'aria-hidden': 'true',
        });
        toggle.append(svgEl('circle', { r: 7 }));
        toggle.append(svgEl('path', { d: p.folded ? 'M-4,0 H4 M0,-4 V4' : 'M-4,0 H4' }));
        g.append(toggle);
        if (p.folded) {
          const count = svgEl('text', {
            class: 'mindmap-count',
            x: p.width + 6,
            y: NODE_HEIGHT / 2,
            'dominant-baseline': 'central',
          });
          count.textContent = `+${countDescendants(p.node)}`;
          g.append(count);
        }
      }
      nodes.append(g);
      groups.set(p.path, g);
    }
    this.viewport.replaceChildren(edges, nodes);
  }

  private wire(): void {
    this.svg.addEventListener('click', (event) => {
      const node = (event.target as Element).closest<SVGGElement>('.mindmap-node');
      if (!node || this.dragMoved) return;
      this.focusedPath = node.dataset.path ?? '0';
      this.toggle(this.focusedPath);
    });
    // Keys act on the node that has focus, however it got it (Tab, a click, a screen reader's cursor).
    this.svg.addEventListener('focusin', (event) => {
      const node = (event.target as Element).closest<SVGGElement>('.mindmap-node');
      if (node?.dataset.path) this.focusedPath = node.dataset.path;
    });
    this.svg.addEventListener('keydown', (event) => this.onKey(event));
    this.svg.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const rect = this.svg.getBoundingClientRect();
        this.zoomBy(event.deltaY < 0 ? 1.1 : 1 / 1.1, event.clientX - rect.left, event.clientY - rect.top);
      },
      { passive: false },
    );
    this.svg.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      this.drag = { x: event.clientX, y: event.clientY, tx: this.tx, ty: this.ty };
      this.dragMoved = false;
    });
    this.svg.addEventListener('pointermove', (event) => {
      if (!this.drag) return;
      const dx = event.clientX - this.drag.x;
      const dy = event.clientY - this.drag.y;
      if (!this.dragMoved && Math.hypot(dx, dy) < 4) return;
      if (!this.dragMoved) this.svg.setPointerCapture(event.pointerId);
      this.dragMoved = true;
      this.svg.classList.add('panning');
      this.tx = this.drag.tx + dx;
      this.ty = this.drag.ty + dy;
      this.applyTransform();
    });
    const end = () => {
      if (this.drag && this.dragMoved) this.save();
      this.drag = undefined;
      this.svg.classList.remove('panning');
      // Let the click that ends a drag see dragMoved, then reset it.
      setTimeout(() => (this.dragMoved = false), 0);
    };
    this.svg.addEventListener('pointerup', end);
    this.svg.addEventListener('pointercancel', end);
  }

  private drag: { x: number; y: number; tx: number; ty: number } | undefined;
  private dragMoved = false;

  private onKey(event: KeyboardEvent): void {
    const index = this.placed.findIndex((p) => p.path === this.focusedPath);
    const current = this.placed[index];
    if (!current) return;
    const hasChildren = current.node.children.length > 0;
    let handled = true;
    if (event.shiftKey && event.key.startsWith('Arrow')) {
      const step = 40;
      if (event.key === 'ArrowLeft') this.tx += step;
      else if (event.key === 'ArrowRight') this.tx -= step;
      else if (event.key === 'ArrowUp') this.ty += step;
      else this.ty -= step;
      this.applyTransform();
      this.save();
    } else {
      switch (event.key) {
        case 'Enter':
        case ' ':
          if (hasChildren) this.toggle(current.path);
          break;
        case 'ArrowDown':
          this.focus(this.placed[index + 1]?.path);
          break;
        case 'ArrowUp':
          this.focus(this.placed[index - 1]?.path);
          break;
        case 'ArrowRight':
          if (current.folded) this.toggle(current.path);
          else this.focus(this.placed.find((p) => p.parent === current)?.path);
          break;
        case 'ArrowLeft':
          if (hasChildren && !current.folded && current.depth > 0) this.toggle(current.path);
          else this.focus(current.parent?.path);
          break;
        case 'Home':
          this.focus('0');
          break;
        case '+':
        case '=':
          this.zoomBy(1.25);
          break;
        case '-':
          this.zoomBy(0.8);
          break;
        case '0':
          this.fit();
          break;
        default:
          handled = false;
      }
    }
    if (handled) event.preventDefault();
  }

  private focus(path: string | undefined): void {
    if (path === undefined) return;
    this.focusedPath = path;
    for (const g of this.viewport.querySelectorAll<SVGGElement>('.mindmap-node')) {
      g.setAttribute('tabindex', g.dataset.path === path ? '0' : '-1');
    }
    const g = this.viewport.querySelector<SVGGElement>(`.mindmap-node[data-path="${path}"]`);
    g?.focus();
    this.keepVisible(path);
  }

  private keepVisible(path: string): void {
    const p = this.placed.find((n) => n.path === path);
    if (!p) return;
    const box = this.svg.getBoundingClientRect();
    const left = p.x * this.scale + this.tx;
    const top = p.y * this.scale + this.ty;
    const right = left + p.width * this.scale;
    const bottom = top + NODE_HEIGHT * this.scale;
    const margin = 16;
    if (left < margin) this.tx += margin - left;
    else if (right > box.width - margin) this.tx -= right - (box.width - margin);
    if (top < margin) this.ty += margin - top;
    else if (bottom > box.height - margin) this.ty -= bottom - (box.height - margin);
    this.applyTransform();
  }

  toggle(path: string): void {
    if (this.folded.has(path)) this.folded.delete(path);
    else this.folded.add(path);
    this.draw();
    this.save();
    this.focus(path);
  }

  private setAllFolded(fold: boolean): void {
    this.folded.clear();
    if (fold) {
      const walk = (node: MindNode, path: string) => {
        if (node.children.length === 0) return;
        if (path !== '0') this.folded.add(path);
        node.children.forEach((c, i) => walk(c, `${path}.${i}`));
      };
      walk(this.root, '0');
    }
    this.draw();
    this.fit();
  }

  zoomBy(factor: number, cx?: number, cy?: number): void {
    const box = this.svg.getBoundingClientRect();
    const px = cx ?? box.width / 2;
    const py = cy ?? box.height / 2;
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.scale * factor));
    // Keep the point under the cursor (or the centre) where it is.
    this.tx = px - ((px - this.tx) * next) / this.scale;
    this.ty = py - ((py - this.ty) * next) / this.scale;
    this.scale = next;
    this.applyTransform();
    this.save();
  }

  fit(): void {
    const box = this.svg.getBoundingClientRect();
    if (box.width === 0 || this.placed.length === 0) return;
    const width = Math.max(...this.placed.map((p) => p.x + p.width + 40));
    const height = Math.max(...this.placed.map((p) => p.y + NODE_HEIGHT));
    const scale = Math.min(
      1.2,
      Math.max(MIN_SCALE, Math.min((box.width - 48) / width, (box.height - 48) / height)),
    );
    this.scale = scale;
    this.tx = 24;
    this.ty = Math.max(24, (box.height - height * scale) / 2);
    this.applyTransform();
    this.save();
  }

  private applyTransform(): void {
    this.viewport.setAttribute('transform', `translate(${this.tx},${this.ty}) scale(${this.scale})`);
  }

  private save(): void {
    updateState({
      mindmaps: {
        ...savedState().mindmaps,
        [this.key]: { folded: [...this.folded], scale: this.scale, x: this.tx, y: this.ty },
      },
    });
  }
}

function countDescendants(node: MindNode): number {
  return node.children.reduce((n, c) => n + 1 + countDescendants(c), 0);
}
