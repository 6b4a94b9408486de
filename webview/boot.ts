import { startPage } from './pageStart';

// boot.js: the page's first script, loaded async and on its own (no imports at run time), so `ready` goes to
// the host before main.js has loaded. See pageStart.ts.

startPage();
