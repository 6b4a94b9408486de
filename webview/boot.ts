import { startPage } from './pageStart';

// boot.js: the page's first script, self-contained (no imports at run time) so the host can write it into the
// page (src/panels/bootScript.ts), and `ready` goes to the host before main.js has loaded. See pageStart.ts.

startPage();
