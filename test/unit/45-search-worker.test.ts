import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SearchClient, type SearchOutcome } from '../../src/search/searchClient';
import { StoreError, type Store } from '../../src/store';
import { TempDir } from '../helpers/tempStore';

// The bundled worker next to the bundled tests: dist/test/unit → dist/searchWorker.js.
const WORKER = join(__dirname, '..', '..', 'searchWorker.js');

function seed(store: Store, words: string): { artifactId: string; stageId: string; journeyId: string } {
  return store.transaction(() => {
    const journey = store.journeys.create({ input: `Journey about ${words}` });
    const stage = store.stages.create({
      journeyId: journey.id,
      type: 'solving',
      result: `stage text ${words}`,
    });
    const artifact = store.artifacts.create({
      stageId: stage.id,
      type: 'code',
      title: `Artifact ${words}`,
      content: `content ${words}`,
    });
    return { artifactId: artifact.id, stageId: stage.id, journeyId: journey.id };
  });
}

function done(outcome: SearchOutcome) {
  assert.equal(outcome.status, 'done');
  return outcome.result;
}

describe('search worker', () => {
  let dir: TempDir;
  let client: SearchClient;

  beforeEach(() => {
    dir = new TempDir();
    client = new SearchClient({ workerPath: WORKER });
  });
  afterEach(() => {
    client.dispose();
    dir.dispose();
  });

  it('finds what the host wrote, including writes made after the worker started', async () => {
    const store = dir.open();
    const first = seed(store, 'quokka');
    client.setDatabasePath(store.path);
    const before = done(await client.search('quokka'));
    assert.deepEqual(
      before.hits.map((h) => h.kind),
      ['artifact', 'stage'],
    );
    const top = before.hits[0]!;
    assert.equal(top.kind === 'artifact' && top.artifactId, first.artifactId);
    const second = seed(store, 'wombat');
    const after = done(await client.search('wombat', { kinds: ['artifact'] }));
    assert.deepEqual(
      after.hits.map((h) => (h.kind === 'artifact' ? h.artifactId : h.stageId)),
      [second.artifactId],
    );
  });

  it('searches a brand-new database that the host has just created', async () => {
    const store = dir.open('new.db');
    client.setDatabasePath(store.path);
    const result = done(await client.search('anything'));
    assert.deepEqual(result.hits, []);
  });

  it('lets only the newest of a burst of searches resolve with results', async () => {
    const store = dir.open();
    seed(store, 'retry backoff');
    client.setDatabasePath(store.path);
    const typed = ['r', 're', 'ret', 'retr', 'retry', 'retry b', 'retry ba', 'retry backoff'];
    const outcomes = await Promise.all(typed.map((text) => client.search(text)));
    assert.deepEqual(
      outcomes.slice(0, -1).map((o) => o.status),
      typed.slice(0, -1).map(() => 'superseded'),
    );
    assert.equal(done(outcomes.at(-1)!).hits.length, 2);
    assert.equal(client.busy, false);
  });

  it('sends a search to a second worker while the first still runs the one it superseded', async () => {
    const store = dir.open();
    seed(store, 'gecko');
    client.setDatabasePath(store.path);
    const first = client.search('gecko');
    const second = client.search('gecko');
    assert.equal((await first).status, 'superseded');
    assert.equal(done(await second).hits.length, 2);
    assert.equal(client.workerCount, 2);
    assert.equal(client.sentCount, 2);
    // Both stay usable: the next searches go to whichever is free.
    assert.equal(done(await client.search('gecko')).hits.length, 2);
    assert.equal(client.workerCount, 2);
  });

  it('with every worker busy, runs only the newest of the searches that wait', async () => {
    client.dispose();
    client = new SearchClient({ workerPath: WORKER, maxWorkers: 1 });
    const store = dir.open();
    seed(store, 'gecko');
    client.setDatabasePath(store.path);
    const typed = ['g', 'ge', 'gec', 'geck', 'gecko'];
    const outcomes = await Promise.all(typed.map((text) => client.search(text)));
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['superseded', 'superseded', 'superseded', 'superseded', 'done'],
    );
    assert.equal(done(outcomes.at(-1)!).hits.length, 2);
    // The first started at once; the three in between were replaced while they waited; the last ran.
    assert.equal(client.sentCount, 2);
    assert.equal(client.workerCount, 1);
  });

  it('starts its workers when warmed, before the first key', async () => {
    const store = dir.open();
    seed(store, 'gecko');
    client.warm();
    assert.equal(client.workerCount, 0, 'nothing to warm without a database');
    client.setDatabasePath(store.path);
    client.warm();
    assert.equal(client.workerCount, 2);
    assert.equal(done(await client.search('gecko')).hits.length, 2);
    assert.equal(client.workerCount, 2);
  });

  it('stops workers that are still starting without bringing the process down', async function () {
    // Worker.terminate() while a worker loads better-sqlite3's native module aborts the whole process (in VS
    // Code, the extension host): a database switch right after the search box opened could do that. Workers
    // are stopped at moments spread over their start-up; a crash takes the whole test run with it.
    this.timeout(30000);
    const store = dir.open();
    seed(store, 'gecko');
    client.setDatabasePath(store.path);
    for (let i = 0; i < 16; i++) {
      client.warm();
      await new Promise((resolve) => setTimeout(resolve, i * 4));
      client.restart('switching');
    }
    assert.equal(done(await client.search('gecko')).hits.length, 2);
  });

  it('settles a cancelled search as superseded and keeps answering later ones', async () => {
    const store = dir.open();
    seed(store, 'pangolin');
    client.setDatabasePath(store.path);
    const pending = client.search('pangolin');
    client.cancel();
    assert.equal((await pending).status, 'superseded');
    assert.equal(done(await client.search('pangolin')).hits.length, 2);
  });

  it('searches the other database after the path changes', async () => {
    const a = dir.open('a.db');
    const b = dir.open('b.db');
    seed(a, 'alpha');
    const inB = seed(b, 'alpha beta');
    client.setDatabasePath(a.path);
    assert.equal(done(await client.search('beta')).hits.length, 0);
    client.setDatabasePath(b.path);
    const hits = done(await client.search('beta', { kinds: ['artifact'] })).hits;
    assert.deepEqual(
      hits.map((h) => (h.kind === 'artifact' ? h.artifactId : '')),
      [inB.artifactId],
    );
  });

  it('reports a database that cannot be opened as a StoreError, and recovers once it exists', async () => {
    const path = dir.file('later.db');
    client.setDatabasePath(path);
    await assert.rejects(client.search('x'), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, 'CANNOT_OPEN');
      return true;
    });
    const store = dir.open('later.db');
    seed(store, 'okapi');
    assert.equal(done(await client.search('okapi')).hits.length, 2);
  });

  it('answers a search that waited for a worker when the busy ones could not open the database', async () => {
    client.dispose();
    client = new SearchClient({ workerPath: WORKER, maxWorkers: 1 });
    client.setDatabasePath(dir.file('missing.db'));
    const first = client.search('a');
    const second = client.search('b');
    assert.equal((await first).status, 'superseded');
    await assert.rejects(
      second,
      (error: unknown) => error instanceof StoreError && error.code === 'CANNOT_OPEN',
    );
    assert.equal(client.busy, false);
  });

  it('rejects, rather than hangs, when the worker cannot even be started', async () => {
    client.dispose();
    client = new SearchClient({ workerPath: dir.file('no-such-worker.js') });
    const store = dir.open();
    client.setDatabasePath(store.path);
    await assert.rejects(client.search('x'), (error: unknown) => error instanceof StoreError);
    assert.equal(client.busy, false);
  });

  it('reports invalid search options as INVALID_INPUT without stopping the worker', async () => {
    const store = dir.open();
    seed(store, 'tapir');
    client.setDatabasePath(store.path);
    await assert.rejects(
      client.search('tapir', { artifactTypes: ['bogus' as never] }),
      (error: unknown) => error instanceof StoreError && error.code === 'INVALID_INPUT',
    );
    assert.equal(done(await client.search('tapir')).hits.length, 2);
  });

  it('refuses to search when no database is open', async () => {
    await assert.rejects(
      client.search('x'),
      (error: unknown) => error instanceof StoreError && error.code === 'CLOSED',
    );
  });

  it('answers hostile input with no hits instead of an error', async () => {
    const store = dir.open();
    seed(store, 'ordinary words');
    client.setDatabasePath(store.path);
    const hostile = [
      '"',
      '""',
      '*',
      'NEAR(a b)',
      'a OR',
      '-',
      '---',
      '(',
      ')',
      '{title}:x',
      "'; DROP TABLE artifacts; --",
      '\u0000',
      'x'.repeat(5000),
    ];
    for (const text of hostile) {
      const result = done(await client.search(text));
      assert.ok(Array.isArray(result.hits), text);
    }
    assert.equal(done(await client.search('ordinary')).hits.length, 2);
  });
});
