import { MindmapView } from './mindmapView';
import { parseMindmap } from './parse';

// Entry of the lazy mindmap chunk.
export function renderMindmap(content: string, format: unknown, title: string, key: string): HTMLElement {
  return new MindmapView(parseMindmap(content, format, title), key, title).element;
}
