// When to search while someone types: at once for the first key after a pause (so steady typing never waits
// for a timer), and otherwise once the keys stop for SEARCH_DEBOUNCE_MS (so a burst runs one search, not one
// per key). Shared by the search box and the host-latency benchmark, so the benchmark measures this policy.
import { SEARCH_DEBOUNCE_MS } from './searchTiming';

export class KeystrokeDebouncer {
  private timer: NodeJS.Timeout | undefined;
  private lastKeyAt = -Infinity;

  constructor(
    private readonly run: () => void,
    private readonly delayMs = SEARCH_DEBOUNCE_MS,
  ) {}

  /** A key was pressed (the text changed). */
  keystroke(): void {
    const now = performance.now();
    const afterPause = now - this.lastKeyAt >= this.delayMs;
    this.lastKeyAt = now;
    this.cancel();
    if (afterPause) {
      this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.delayMs);
  }

  /** A search is waiting for the keys to stop. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
