import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Store } from '../../src/store';
import { assertFtsSound, assertSentence, expectStoreError, withRaw } from '../helpers/seedChecks';
import { TempDir } from '../helpers/tempStore';

const betterSqlite3Path = require.resolve('better-sqlite3');

/**
 * Another program writing the same file: raw better-sqlite3 in a child process, many small IMMEDIATE
 * transactions, a busy timeout as any well-behaved program has. Prints "ready" once open, then one JSON line.
 */
const WRITER_SCRIPT = `
const [driverPath, dbPath, stageId, count] = process.argv.slice(1);
const Database = require(driverPath);
const db = new Database(dbPath);
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
const insert = db.prepare(\`INSERT INTO artifacts (id, stage_id, type, title, content, metadata, created_at, updated_at)
  VALUES (?, ?, 'document', ?, ?, '{}', ?, ?)\`);
const pause = new Int32Array(new SharedArrayBuffer(4));
process.stdout.write('ready\\n');
let written = 0;
const errors = [];
for (let i = 0; i < Number(count); i += 2) {
  try {
    db.transaction(() => {
      for (const k of [i, i + 1]) {
        const now = Date.now();
        insert.run('artifact_child' + k, stageId, 'Child ' + k, 'childword' + k + ' written by another process', now, now);
      }
    }).immediate();
    written += 2;
  } catch (error) {
    errors.push(String(error.code || error.message));
  }
  Atomics.wait(pause, 0, 0, 1);
}
db.close();
process.stdout.write(JSON.stringify({ written, errors }) + '\\n');
`;

/** Holds a write transaction for `holdMs`, as another program in the middle of a long save. */
const LOCKER_SCRIPT = `
const [driverPath, dbPath, stageId, holdMs] = process.argv.slice(1);
const Database = require(driverPath);
const db = new Database(dbPath);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
db.prepare(\`INSERT INTO artifacts (id, stage_id, type, title, content, metadata, created_at, updated_at)
  VALUES ('artifact_locker', ?, 'document', 'Uncommitted', 'lockerword', '{}', 1, 1)\`).run(stageId);
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); }, Number(holdMs));
`;

interface Child {
  process: ChildProcess;
  lines: string[];
  /** Resolves when the child prints a line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

function startChild(script: string, args: readonly string[]): Child {
  const child = spawn(process.execPath, ['-e', script, betterSqlite3Path, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      lines.push(line);
      for (const w of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0) process.stderr.write(`child process failed (${String(code)}): ${stderr}\n`);
      resolve(code);
    }),
  );
  return {
    process: child,
    lines,
    exited,
    waitFor: (pattern) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then(() =>
          reject(new Error(`child exited before printing ${String(pattern)}: ${stderr}`)),
        );
      });
    },
  };
}

/** Blocks this thread briefly, so the other process gets to interleave its writes with ours. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function seedStage(store: Store): string {
  const journey = store.journeys.create({ input: 'Shared between programs' });
  return store.stages.create({ journeyId: journey.id, type: 'chasing' }).id;
}

function count(store: Store, where = ''): number {
  return store.select('artifacts').where('id', 'LIKE', `${where}%`).all().length;
}

describe('two connections and two processes on one file', () => {
  let tmp: TempDir;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    tmp = new TempDir();
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
    tmp.dispose();
  });

  it('shows writes through one store to another store on the same file', () => {
    const a = tmp.open();
    const b = tmp.open();
    const journey = a.journeys.create({ input: 'Written by A' });
    assert.equal(b.journeys.getById(journey.id).input, 'Written by A');
    b.journeys.update(journey.id, { status: 'paused' });
    assert.equal(a.journeys.getById(journey.id).status, 'paused');
    assert.equal(a.status().journalMode, 'wal');
  });

  it('changes dataVersion() of one store when the other commits, and not on its own writes', () => {
    const a = tmp.open();
    const b = tmp.open();
    const start = a.dataVersion();
    a.journeys.create({ input: 'Own write' });
    assert.equal(a.dataVersion(), start, 'a connection does not see its own commits as outside changes');
    const beforeB = a.dataVersion();
    b.journeys.create({ input: 'Other write' });
    assert.notEqual(a.dataVersion(), beforeB);
  });

  it('leaves dataVersion() of one store alone when another opens, reads and closes (the CLI reading)', () => {
    const a = tmp.open();
    a.journeys.create({ input: 'Written by the host' });
    const start = a.dataVersion();
    const reader = tmp.open();
    assert.equal(reader.journeys.count(), 1);
    reader.check();
    reader.close();
    assert.equal(a.dataVersion(), start, 'a reader closing is not a change to refresh for');
    // It still copied the WAL into the file: the .db alone holds the host's journey.
    const copy = tmp.file('copy.db');
    copyFileSync(a.path, copy);
    const alone = new Database(copy, { readonly: true });
    try {
      assert.equal((alone.prepare('SELECT count(*) AS n FROM journeys').get() as { n: number }).n, 1);
    } finally {
      alone.close();
    }
    const writer = tmp.open();
    writer.journeys.create({ input: 'Written by the CLI' });
    writer.close();
    assert.notEqual(a.dataVersion(), start);
    assert.equal(a.journeys.count(), 2);
  });

  it('truncates the WAL when a store that vacuumed closes, though VACUUM counts no changed rows', () => {
    const host = tmp.open();
    const other = tmp.open();
    const stageId = seedStage(other);
    for (let i = 0; i < 50; i++) {
      other.artifacts.create({
        stageId,
        type: 'document',
        title: `Filler ${i}`,
        content: 'kelp '.repeat(400),
      });
    }
    other.close();
    const vacuuming = tmp.open();
    vacuuming.vacuum();
    vacuuming.close();
    assert.equal(statSync(`${host.path}-wal`).size, 0, 'the WAL was checkpointed and truncated');
    assert.equal(host.artifacts.listSummaries(stageId).length, 50);
  });

  it('interleaves writes from two stores without BUSY', () => {
    const a = tmp.open();
    const b = tmp.open();
    const stageId = seedStage(a);
    for (let i = 0; i < 100; i++) {
      const writer = i % 2 === 0 ? a : b;
      writer.transaction(() => {
        writer.artifacts.create({ stageId, type: 'document', title: `Both ${i}`, content: `bothword${i}` });
      });
      (i % 2 === 0 ? b : a).search(`bothword${i}`);
    }
    assert.equal(a.artifacts.listSummaries(stageId).length, 100);
    assert.equal(b.search('bothword57').hits.length, 1);
    assert.equal(a.check().ok, true);
  });

  it('writes and reads while another process writes 500 artifacts; no BUSY reaches anyone and every row is kept', async function () {
    this.timeout(30_000);
    const store = tmp.open();
    const stageId = seedStage(store);
    const writer = startChild(WRITER_SCRIPT, [store.path, stageId, '500']);
    children.push(writer.process);
    await writer.waitFor(/^ready$/);

    const progress = new Set<number>();
    for (let i = 0; i < 500; i++) {
      store.artifacts.create({
        stageId,
        type: 'code',
        title: `Parent ${i}`,
        content: `parentword${i} from this process`,
      });
      if (i % 20 === 0) {
        progress.add(count(store, 'artifact_child'));
        assert.ok(store.search(`parentword${i}`).hits.length === 1);
        store.search('childword*');
      }
      pause(1);
    }
    const code = await writer.exited;
    assert.equal(code, 0);
    const result = JSON.parse(writer.lines[writer.lines.length - 1]!) as {
      written: number;
      errors: string[];
    };
    assert.deepEqual(result, { written: 500, errors: [] });
    assert.ok(
      [...progress].some((n) => n > 0 && n < 500),
      `the two processes' writes overlapped (saw ${[...progress].join(', ')} child rows during our writes)`,
    );

    assert.equal(store.artifacts.listSummaries(stageId).length, 1000);
    assert.equal(count(store, 'artifact_child'), 500);
    assert.equal(store.search('childword499').hits.length, 1);
    assert.equal(store.search('parentword0').hits.length, 1);
    assert.equal(store.check().ok, true);
    assertFtsSound(store.path);
  });

  it('fails a write with BUSY and a sentence when another connection holds the lock, writing nothing', () => {
    const setup = tmp.open();
    const stageId = seedStage(setup);
    setup.close();
    const store = tmp.open(undefined, { busyTimeoutMs: 200 });
    const journeysBefore = store.journeys.count();

    const other = new Database(store.path);
    try {
      other.exec('BEGIN EXCLUSIVE');
      const started = Date.now();
      const error = expectStoreError(
        () => store.artifacts.create({ stageId, type: 'document', title: 'Blocked', content: 'blocked' }),
        'BUSY',
        /locked by another program/,
      );
      assertSentence(error.message);
      assert.ok(Date.now() - started >= 150, 'the store waited for the lock before giving up');
      expectStoreError(
        () =>
          store.transaction(() => {
            const journey = store.journeys.create({ input: 'Half a journey' });
            store.stages.create({ journeyId: journey.id, type: 'solving' });
          }),
        'BUSY',
      );
      // Reading still works while another program writes (WAL).
      assert.equal(store.journeys.count(), journeysBefore);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    assert.equal(store.journeys.count(), journeysBefore, 'nothing half-written');
    assert.equal(store.artifacts.listSummaries(stageId).length, 0);
    store.artifacts.create({ stageId, type: 'document', title: 'After', content: 'free again' });
    assert.equal(store.artifacts.listSummaries(stageId).length, 1);
  });

  it('fails with BUSY while another process is in a long write transaction, and succeeds once it commits', async function () {
    this.timeout(20_000);
    const store = tmp.open(undefined, { busyTimeoutMs: 200 });
    const stageId = seedStage(store);
    const locker = startChild(LOCKER_SCRIPT, [store.path, stageId, '1500']);
    children.push(locker.process);
    await locker.waitFor(/^locked$/);

    expectStoreError(
      () => store.artifacts.create({ stageId, type: 'document', title: 'Blocked', content: 'blocked' }),
      'BUSY',
      /locked by another program/,
    );
    assert.deepEqual(
      store.search('lockerword').hits,
      [],
      'the other program’s uncommitted row is not visible',
    );

    await locker.waitFor(/^released$/);
    assert.equal(await locker.exited, 0);
    store.artifacts.create({ stageId, type: 'document', title: 'After', content: 'afterword' });
    assert.equal(store.search('lockerword').hits.length, 1);
    assert.equal(store.artifacts.listSummaries(stageId).length, 2);
    withRaw(store.path, (db) => assert.deepEqual(db.pragma('foreign_key_check'), []));
  });
});
