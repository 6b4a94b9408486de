// How much the search box asks for; shared by the picker and the host-latency benchmark.

/** Hits asked of the store per search: more than a quick pick shows without scrolling. */
export const SEARCH_RESULT_LIMIT = 50;
