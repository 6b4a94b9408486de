import { savedState, updateState } from './vscodeApi';

// The page's scroll position survives hiding the tab and reloading the window. A long document is taller
// once it is complete than at its first paint, so a saved position it cannot reach yet waits for the
// complete page, unless the reader scrolls first.

let pending: number | undefined = savedState().scrollY || undefined;
let saveTimer: number | undefined;

window.addEventListener('scroll', () => {
  pending = undefined; // the reader's own scrolling wins over the saved position
  if (saveTimer !== undefined) return;
  saveTimer = window.setTimeout(() => {
    saveTimer = undefined;
    updateState({ scrollY: Math.round(window.scrollY) });
  }, 200);
});

/**
 * Scrolls back to the saved position, once per page load, after the next layout. Before the content is
 * complete, only if the page is already tall enough.
 */
export function restoreScroll(complete: boolean): void {
  if (pending === undefined) return;
  requestAnimationFrame(() => {
    const y = pending;
    if (y === undefined) return;
    if (!complete && y > document.documentElement.scrollHeight - window.innerHeight) return;
    pending = undefined;
    window.scrollTo(0, y);
  });
}
