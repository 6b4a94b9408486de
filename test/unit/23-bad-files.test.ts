import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store';
import { assertFtsSound, assertSentence, expectStoreError, fileState, withRaw } from '../helpers/seedChecks';
import { TempDir } from '../helpers/tempStore';

const MB = 1024 * 1024;

function artifactCount(path: string): number {
  return withRaw(path, (db) => (db.prepare('SELECT count(*) AS n FROM artifacts').get() as { n: number }).n);
}

/** A store with one stage to hang artifacts on. */
function storeWithStage(tmp: TempDir): { store: Store; stageId: string } {
  const store = tmp.open();
  const journey = store.journeys.create({ input: 'Files of every kind' });
  const stage = store.stages.create({ journeyId: journey.id, type: 'building' });
  return { store, stageId: stage.id };
}

describe('files that are not healthy Perpetua databases', () => {
  let tmp: TempDir;

  beforeEach(() => {
    tmp = new TempDir();
  });
  afterEach(() => tmp.dispose());

  const notDatabases: Array<[string, () => Buffer]> = [
    ['a file of random bytes', () => randomBytes(64 * 1024)],
    ['a text file', () => Buffer.from('These are my notes about kelp, not a database.\n'.repeat(200))],
  ];
  for (const [what, contents] of notDatabases) {
    it(`refuses ${what} as CORRUPT with a sentence and leaves it unchanged`, () => {
      const path = tmp.file('notes.db');
      writeFileSync(path, contents());
      const before = fileState(path);

      const error = expectStoreError(() => openStore(path), 'CORRUPT');
      assertSentence(error.message);
      expectStoreError(() => openStore(path, { readonly: true }), 'CORRUPT');

      assert.deepEqual(fileState(path), before);
    });
  }

  it('refuses a truncated database as CORRUPT with a sentence and leaves it unchanged', () => {
    const { store, stageId } = storeWithStage(tmp);
    for (let i = 0; i < 200; i++) {
      store.artifacts.create({
        stageId,
        type: 'document',
        title: `Page filler ${i}`,
        content: 'kelp '.repeat(400),
      });
    }
    store.close();
    const full = fileState(store.path);
    assert.equal(full.wal, false, 'closing checkpointed everything into the .db');
    // A copy cut short, as an interrupted download or sync would leave it.
    truncateSync(store.path, Math.floor(statSync(store.path).size / 2));
    const before = fileState(store.path);

    const error = expectStoreError(() => openStore(store.path), 'CORRUPT');
    assertSentence(error.message);
    assert.deepEqual(fileState(store.path), before);
  });

  it('says CANNOT_OPEN for a path in a folder that does not exist, and creates nothing', () => {
    const folder = join(tmp.path, 'no', 'such', 'folder');
    const error = expectStoreError(() => openStore(join(folder, 'perpetua.db')), 'CANNOT_OPEN');
    assertSentence(error.message);
    assert.equal(existsSync(join(tmp.path, 'no')), false);
  });

  it('says CANNOT_OPEN when asked to open a missing file read-only, and creates nothing', () => {
    const path = tmp.file('missing.db');
    expectStoreError(() => openStore(path, { readonly: true }), 'CANNOT_OPEN');
    assert.equal(existsSync(path), false);
  });

  it('says CANNOT_OPEN when the path is a folder', () => {
    const path = tmp.file('a-folder.db');
    mkdirSync(path);
    expectStoreError(() => openStore(path), 'CANNOT_OPEN');
  });

  // Tests run as root, where chmod 0444 does not stop writes, so the read-only path is exercised with the
  // store's own read-only mode, which opens the file with SQLITE_OPEN_READONLY: the same refusal a
  // read-only file gives an ordinary user.
  it('reads and searches a read-only store, and refuses writes through it as READ_ONLY without changing the file', () => {
    const { store, stageId } = storeWithStage(tmp);
    const artifact = store.artifacts.create({
      stageId,
      type: 'document',
      title: 'Readable',
      content: 'quokka',
    });
    store.close();
    const before = fileState(store.path);

    const readonly = tmp.open(undefined, { readonly: true });
    assert.equal(readonly.artifacts.getById(artifact.id).content, 'quokka');
    assert.deepEqual(
      readonly.search('quokka').hits.map((h) => (h.kind === 'artifact' ? h.artifactId : '')),
      [artifact.id],
    );
    const error = expectStoreError(
      () => readonly.artifacts.create({ stageId, type: 'document', title: 'Nope', content: 'nope' }),
      'READ_ONLY',
    );
    assertSentence(error.message);
    expectStoreError(
      () => readonly.journeys.update(readonly.journeys.findAll().items[0]!.id, { status: 'paused' }),
      'READ_ONLY',
    );
    expectStoreError(() => readonly.transaction(() => readonly.artifacts.delete(artifact.id)), 'READ_ONLY');
    readonly.close();

    assert.equal(fileState(store.path).sha256, before.sha256);
    assert.equal(artifactCount(store.path), 1);
  });

  it('stores a 10 MB artifact, reads it back identically and finds it by search', function () {
    this.timeout(30_000);
    const { store, stageId } = storeWithStage(tmp);
    const paragraph = 'Kelp forests sequester carbon in their holdfasts and export detritus to deep water. ';
    const half = paragraph.repeat(Math.ceil((5 * MB) / paragraph.length));
    const content = `${half}needleinthehaystack ünïcödé ${half}`;
    assert.ok(Buffer.byteLength(content) >= 10 * MB);

    const artifact = store.artifacts.create({ stageId, type: 'document', title: 'Big one', content });
    const read = store.artifacts.getById(artifact.id);
    assert.equal(read.content.length, content.length);
    assert.ok(read.content === content, 'content read back identically');
    assert.equal(store.artifacts.findSummaryById(artifact.id)?.contentBytes, Buffer.byteLength(content));

    const hits = store.search('needleinthehaystack').hits;
    assert.equal(hits.length, 1);
    const hit = hits[0]!;
    assert.equal(hit.kind === 'artifact' && hit.artifactId, artifact.id);
    const [start, end] = hit.snippet.highlights[0]!;
    assert.equal(hit.snippet.text.slice(start, end), 'needleinthehaystack');
  });

  it('refuses a 65 MB artifact with INVALID_INPUT naming the limit, and writes nothing', function () {
    this.timeout(30_000);
    const { store, stageId } = storeWithStage(tmp);
    const small = store.artifacts.create({ stageId, type: 'document', title: 'Small', content: 'small' });
    const dataVersion = withRaw(store.path, (db) => db.pragma('data_version', { simple: true }));
    const huge = 'x'.repeat(65 * MB);

    const error = expectStoreError(
      () => store.artifacts.create({ stageId, type: 'document', title: 'Too big', content: huge }),
      'INVALID_INPUT',
      /64 MB/,
    );
    assertSentence(error.message);
    expectStoreError(() => store.artifacts.update(small.id, { content: huge }), 'INVALID_INPUT', /64 MB/);

    assert.equal(artifactCount(store.path), 1);
    assert.equal(store.artifacts.getById(small.id).content, 'small');
    assert.equal(
      withRaw(store.path, (db) => db.pragma('data_version', { simple: true })),
      dataVersion,
    );
  });

  it('stores HTML and <script> verbatim and returns search snippets as plain text with ranges', () => {
    const { store, stageId } = storeWithStage(tmp);
    const title = '<h1 onclick="steal()">Title & "quotes"</h1>';
    const content =
      '<script>alert("pwned")</script> <img src=x onerror=alert(1)> &amp; &lt;b&gt; <b>bold</b> markupword end';
    const artifact = store.artifacts.create({ stageId, type: 'visualization', title, content });

    const read = store.artifacts.getById(artifact.id);
    assert.equal(read.title, title);
    assert.equal(read.content, content);

    const hit = store.search('markupword').hits[0];
    assert.ok(hit && hit.kind === 'artifact');
    assert.equal(hit.title, title);
    // The snippet is the stored text, unescaped and unmarked; matches come as [start, end) ranges.
    assert.equal(hit.snippet.text, content);
    assert.doesNotMatch(hit.snippet.text, /[\u0000-\u001f]|<mark>/);
    assert.deepEqual(
      hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e)),
      ['markupword'],
    );
    // Searching for the markup's words finds it too; the markup itself is never interpreted.
    assert.deepEqual(
      store.search('script alert').hits.map((h) => (h.kind === 'artifact' ? h.artifactId : '')),
      [artifact.id],
    );
    assertFtsSound(store.path);
  });
});
