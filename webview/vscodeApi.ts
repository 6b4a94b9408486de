import type { FromWebviewMessage, ViewTarget } from '../src/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called once per page load, so this module holds the only handle.
const api = acquireVsCodeApi();

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
