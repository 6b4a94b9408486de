// How the search box paces its searches; shared by the picker and the host-latency benchmark.

/** Wait this long after a keystroke before searching, so a burst of typing runs one search, not one per key. */
export const SEARCH_DEBOUNCE_MS = 60;

/** Hits asked of the store per search: more than a quick pick shows without scrolling. */
export const SEARCH_RESULT_LIMIT = 50;
