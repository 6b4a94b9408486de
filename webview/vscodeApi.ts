import type { FromWebviewMessage, ViewTarget } from '../src/protocol';
import { startPage } from './pageStart';

// The rest of the page talks to VS Code through here, with the handle the page start took.
const api = startPage().api;

export function post(message: FromWebviewMessage): void {
  api.postMessage(message);
}

/** What survives hiding the tab and reloading the window; the serializer reads `target`. */
export interface SavedState {
  target?: ViewTarget;
  scrollY?: number;
  /** Open/closed state of foldable sections, by key. */
  folds?: Record<string, boolean>;
  /** Mindmap view per artifact: folded node paths and the zoom/pan transform. */
  mindmaps?: Record<string, { folded: string[]; scale: number; x: number; y: number }>;
}

let state: SavedState = (api.getState() as SavedState | undefined) ?? {};

export function savedState(): SavedState {
  return state;
}

export function updateState(patch: Partial<SavedState>): void {
  state = { ...state, ...patch };
  api.setState(state);
}

export function setFold(key: string, open: boolean): void {
  updateState({ folds: { ...state.folds, [key]: open } });
}

export function foldOf(key: string): boolean | undefined {
  return state.folds?.[key];
}
