import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import {
  StoreError,
  type ArtifactHit,
  type SearchHit,
  type SearchResult,
  type StageHit,
  type Store,
} from '../../src/store';
import { TempDir } from '../helpers/tempStore';

interface Corpus {
  retryJourney: string;
  cacheJourney: string;
  solving: string;
  challenging: string;
  searching: string;
  retryPolicy: string;
  backoffHelper: string;
  cacheDesign: string;
  multilingual: string;
}

function seedCorpus(store: Store): Corpus {
  return store.transaction(() => {
    const retryJourney = store.journeys.create({ input: 'How should clients retry failed requests?' });
    const cacheJourney = store.journeys.create({ input: 'Caching notes', status: 'complete' });
    const solving = store.stages.create({
      journeyId: retryJourney.id,
      type: 'solving',
      status: 'complete',
      prompt: 'Find a retry strategy',
      result: 'Use exponential backoff with jitter',
      thinking: 'Consider thundering herds first',
    });
    const challenging = store.stages.create({
      journeyId: retryJourney.id,
      type: 'challenging',
      prompt: 'Is idempotency required?',
      result: 'Only for writes',
    });
    const searching = store.stages.create({
      journeyId: cacheJourney.id,
      type: 'searching',
      prompt: 'cache invalidation approaches',
      result: 'Stale while revalidate is common',
    });
    const retryPolicy = store.artifacts.create({
      stageId: solving.id,
      type: 'document',
      title: 'Retry policy',
      content: 'Retries use exponential backoff. Do not retry blindly or forever, and always cap the delay.',
    });
    const backoffHelper = store.artifacts.create({
      stageId: solving.id,
      type: 'code',
      title: 'Backoff helper',
      content: 'function backoff(attempt) { return 2 ** attempt; } // used by the retry loop',
    });
    const cacheDesign = store.artifacts.create({
      stageId: searching.id,
      type: 'document',
      title: 'Cache design',
      content: 'Do not cache errors. Serve stale content while revalidating.',
    });
    const multilingual = store.artifacts.create({
      stageId: searching.id,
      type: 'other',
      title: 'Многоязычные заметки',
      content: 'повтор запроса; 重试 三次; مرحبا بالعالم; café au lait',
    });
    return {
      retryJourney: retryJourney.id,
      cacheJourney: cacheJourney.id,
      solving: solving.id,
      challenging: challenging.id,
      searching: searching.id,
      retryPolicy: retryPolicy.id,
      backoffHelper: backoffHelper.id,
      cacheDesign: cacheDesign.id,
      multilingual: multilingual.id,
    };
  });
}

function artifactIds(result: SearchResult): string[] {
  return result.hits.filter((h): h is ArtifactHit => h.kind === 'artifact').map((h) => h.artifactId);
}

function stageHits(result: SearchResult): StageHit[] {
  return result.hits.filter((h): h is StageHit => h.kind === 'stage');
}

function sorted(ids: string[]): string[] {
  return [...ids].sort();
}

/** Every highlight range lies inside the text and covers a word that starts with one of `words`. */
function assertHighlights(hit: SearchHit, words: string[]): void {
  const { text, highlights } = hit.snippet;
  assert.ok(highlights.length > 0, `no highlights in ${JSON.stringify(text)}`);
  for (const [start, end] of highlights) {
    assert.ok(start >= 0 && start < end && end <= text.length, `range [${start}, ${end}) outside the text`);
    const marked = text.slice(start, end).toLowerCase();
    assert.ok(
      words.some((w) => marked.startsWith(w.toLowerCase())),
      `highlighted ${JSON.stringify(marked)}, expected one of ${words.join(', ')}`,
    );
  }
}

/** Both FTS5 indexes agree with their tables (rank = 1 also catches stale entries). */
function assertFtsIntact(store: Store): void {
  const db = new Database(store.path);
  try {
    db.exec(`INSERT INTO artifacts_fts(artifacts_fts, rank) VALUES('integrity-check', 1)`);
    db.exec(`INSERT INTO stages_fts(stages_fts, rank) VALUES('integrity-check', 1)`);
  } finally {
    db.close();
  }
  const report = store.check();
  assert.equal(report.ok, true, report.problems.join('\n'));
}

describe('search', () => {
  let tmp: TempDir;
  let store: Store;

  beforeEach(() => {
    tmp = new TempDir();
    store = tmp.open();
  });
  afterEach(() => tmp.dispose());

  describe('keeping the full-text indexes in sync', () => {
    it('finds a new artifact, follows title and content edits, and forgets it when deleted', () => {
      const journey = store.journeys.create({ input: 'Sync' });
      const stage = store.stages.create({ journeyId: journey.id, type: 'solving' });
      const artifact = store.artifacts.create({
        stageId: stage.id,
        type: 'document',
        title: 'Aardvark habits',
        content: 'The quokka smiles.',
      });
      assert.deepEqual(artifactIds(store.search('aardvark')), [artifact.id]);
      assert.deepEqual(artifactIds(store.search('quokka')), [artifact.id]);
      assertFtsIntact(store);

      store.artifacts.update(artifact.id, { title: 'Pangolin habits' });
      assert.deepEqual(artifactIds(store.search('aardvark')), []);
      assert.deepEqual(artifactIds(store.search('pangolin')), [artifact.id]);
      assert.deepEqual(artifactIds(store.search('quokka')), [artifact.id], 'content still indexed');
      assertFtsIntact(store);

      store.artifacts.update(artifact.id, { content: 'The wombat digs.' });
      assert.deepEqual(artifactIds(store.search('quokka')), []);
      assert.deepEqual(artifactIds(store.search('wombat')), [artifact.id]);
      assertFtsIntact(store);

      store.artifacts.update(artifact.id, { metadata: { only: 'metadata' }, type: 'code' });
      assert.deepEqual(artifactIds(store.search('wombat')), [artifact.id]);
      assertFtsIntact(store);

      store.artifacts.delete(artifact.id);
      assert.deepEqual(store.search('wombat').hits, []);
      assert.deepEqual(store.search('pangolin').hits, []);
      assertFtsIntact(store);
    });

    it('follows stage prompt, result and thinking edits and forgets a deleted stage', () => {
      const journey = store.journeys.create({ input: 'Sync' });
      const stage = store.stages.create({
        journeyId: journey.id,
        type: 'solving',
        prompt: 'alpha question',
        result: 'bravo answer',
        thinking: 'charlie musing',
      });
      const stageIds = (q: string) => stageHits(store.search(q)).map((h) => h.stageId);
      assert.deepEqual(stageIds('alpha'), [stage.id]);
      assert.deepEqual(stageIds('bravo'), [stage.id]);
      assert.deepEqual(stageIds('charlie'), [stage.id]);
      assertFtsIntact(store);

      store.stages.update(stage.id, { prompt: 'delta question', result: 'echo answer' });
      assert.deepEqual(stageIds('alpha'), []);
      assert.deepEqual(stageIds('bravo'), []);
      assert.deepEqual(stageIds('delta'), [stage.id]);
      assert.deepEqual(stageIds('echo'), [stage.id]);
      assert.deepEqual(stageIds('charlie'), [stage.id]);
      assertFtsIntact(store);

      store.stages.update(stage.id, { thinking: null });
      assert.deepEqual(stageIds('charlie'), []);
      store.stages.update(stage.id, { thinking: 'foxtrot idea' });
      assert.deepEqual(stageIds('foxtrot'), [stage.id]);
      store.stages.update(stage.id, { status: 'complete' });
      assert.deepEqual(stageIds('foxtrot'), [stage.id]);
      assertFtsIntact(store);

      store.stages.delete(stage.id);
      assert.deepEqual(store.search('delta').hits, []);
      assert.deepEqual(store.search('foxtrot').hits, []);
      assertFtsIntact(store);
    });

    it('forgets every stage and artifact of a journey deleted by cascade', () => {
      const c = seedCorpus(store);
      assert.ok(store.search('retry').hits.length > 0);
      store.journeys.delete(c.retryJourney);
      const result = store.search('retry');
      assert.ok(
        result.hits.every((h) => h.journeyId !== c.retryJourney),
        'no hit from the deleted journey',
      );
      assert.deepEqual(store.search('jitter').hits, []);
      assert.deepEqual(store.search('thundering').hits, []);
      assert.deepEqual(artifactIds(store.search('cache')), [c.cacheDesign]);
      assertFtsIntact(store);
    });

    it('rolls the index back with the rows when a transaction fails', () => {
      const journey = store.journeys.create({ input: 'Sync' });
      const stage = store.stages.create({ journeyId: journey.id, type: 'solving' });
      assert.throws(() =>
        store.transaction(() => {
          store.artifacts.create({ stageId: stage.id, type: 'code', title: 'Ghost', content: 'phantom' });
          throw new Error('abort');
        }),
      );
      assert.deepEqual(store.search('phantom').hits, []);
      assertFtsIntact(store);
    });
  });

  describe('query semantics', () => {
    let c: Corpus;
    beforeEach(() => {
      c = seedCorpus(store);
    });

    it('ANDs words: every word must appear', () => {
      assert.deepEqual(artifactIds(store.search('retry cap')), [c.retryPolicy]);
      assert.deepEqual(sorted(artifactIds(store.search('retry'))), sorted([c.retryPolicy, c.backoffHelper]));
      assert.deepEqual(artifactIds(store.search('retry cache')), []);
    });

    it('matches a "quoted phrase" only in that order', () => {
      assert.deepEqual(artifactIds(store.search('"exponential backoff"')), [c.retryPolicy]);
      assert.deepEqual(
        stageHits(store.search('"exponential backoff"')).map((h) => h.stageId),
        [c.solving],
      );
      assert.deepEqual(store.search('"backoff exponential"').hits, []);
      // Unquoted, order does not matter.
      assert.deepEqual(artifactIds(store.search('backoff exponential')), [c.retryPolicy]);
    });

    it('treats a trailing * as a prefix: retr* finds retry and retries', () => {
      const ids = artifactIds(store.search('retr*'));
      assert.deepEqual(sorted(ids), sorted([c.retryPolicy, c.backoffHelper]));
      assert.deepEqual(store.search('retr').hits, [], 'without *, a word fragment finds nothing');
    });

    it('matches word forms through stemming: retries finds retry and retrying', () => {
      assert.deepEqual(
        sorted(artifactIds(store.search('retries'))),
        sorted([c.retryPolicy, c.backoffHelper]),
      );
    });

    it('excludes a -word', () => {
      assert.deepEqual(artifactIds(store.search('retry -blindly')), [c.backoffHelper]);
      assert.deepEqual(artifactIds(store.search('retry -"exponential backoff"')), [c.backoffHelper]);
    });

    it('folds case and diacritics', () => {
      assert.deepEqual(artifactIds(store.search('RETRY CAP')), [c.retryPolicy]);
      assert.deepEqual(artifactIds(store.search('cafe')), [c.multilingual]);
      assert.deepEqual(artifactIds(store.search('café')), [c.multilingual]);
    });

    it('ranks an artifact with the word in its title above one with it only in its content', () => {
      const journey = store.journeys.create({ input: 'Weather' });
      const stage = store.stages.create({ journeyId: journey.id, type: 'discovering' });
      // The content-only match is created last and mentions the word twice, so it cannot win by recency or count.
      const inTitle = store.artifacts.create({
        stageId: stage.id,
        type: 'document',
        title: 'Zephyr overview',
        content: 'A general text about winds and the weather in spring.',
      });
      const inContent = store.artifacts.create({
        stageId: stage.id,
        type: 'document',
        title: 'Weather notes',
        content: 'The zephyr blew gently; a zephyr is a mild west wind.',
      });
      const result = store.search('zephyr', { kinds: ['artifact'] });
      assert.deepEqual(artifactIds(result), [inTitle.id, inContent.id]);
      assert.ok(result.hits[0]!.score < result.hits[1]!.score, 'bm25: lower is better');
    });

    it('describes each hit with ids, journey input, stage type and a highlighted snippet, never the whole content', () => {
      const journey = store.journeys.create({ input: 'Long reads' });
      const stage = store.stages.create({ journeyId: journey.id, type: 'imagining' });
      const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
      const content = `${filler(300)} the hidden needle sits here ${filler(300)}`;
      const artifact = store.artifacts.create({
        stageId: stage.id,
        type: 'document',
        title: 'Haystack',
        content,
      });

      const result = store.search('needle');
      assert.equal(result.hits.length, 1);
      const hit = result.hits[0]!;
      if (hit.kind !== 'artifact') assert.fail(`expected an artifact hit, got a ${hit.kind} hit`);
      const a = hit;
      assert.equal(a.artifactId, artifact.id);
      assert.equal(a.stageId, stage.id);
      assert.equal(a.journeyId, journey.id);
      assert.equal(a.journeyInput, 'Long reads');
      assert.equal(a.journeyStatus, 'running');
      assert.equal(a.stageType, 'imagining');
      assert.equal(a.title, 'Haystack');
      assert.equal(a.artifactType, 'document');
      assert.equal(typeof a.score, 'number');
      assert.equal('content' in a, false);
      assert.ok(a.snippet.text.length < content.length / 4, 'a snippet, not the content');
      assert.ok(a.snippet.text.includes('needle'));
      assert.equal(a.snippet.highlights.length, 1);
      assertHighlights(a, ['needle']);
      assert.ok(!/[\u0002\u0003<>]/.test(a.snippet.text), 'plain text without markers');
    });

    it('highlights every matched word, including prefix matches', () => {
      const result = store.search('retr* cap', { kinds: ['artifact'] });
      const hit = result.hits.find((h) => h.kind === 'artifact' && h.artifactId === c.retryPolicy)!;
      assertHighlights(hit, ['retr', 'cap']);
      const marked = hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e).toLowerCase());
      assert.ok(
        marked.includes('retries') && marked.includes('retry') && marked.includes('cap'),
        String(marked),
      );
    });

    it('finds stages and says whether the match is in the prompt, result or thinking', () => {
      const field = (q: string) => {
        const hits = stageHits(store.search(q, { kinds: ['stage'] }));
        assert.equal(hits.length, 1, q);
        const hit = hits[0]!;
        assert.equal(hit.stageId, c.solving);
        assert.equal(hit.journeyId, c.retryJourney);
        assert.equal(hit.journeyInput, 'How should clients retry failed requests?');
        assert.equal(hit.stageType, 'solving');
        assert.equal(hit.stageStatus, 'complete');
        assertHighlights(hit, [q]);
        return hit.field;
      };
      assert.equal(field('strategy'), 'prompt');
      assert.equal(field('jitter'), 'result');
      assert.equal(field('thundering'), 'thinking');
    });

    it('returns both kinds by default and only the requested kinds when asked', () => {
      const both = store.search('retry');
      assert.ok(both.hits.some((h) => h.kind === 'artifact'));
      assert.ok(both.hits.some((h) => h.kind === 'stage'));
      assert.ok(store.search('retry', { kinds: ['artifact'] }).hits.every((h) => h.kind === 'artifact'));
      const stagesOnly = store.search('retry', { kinds: ['stage'] });
      assert.ok(stagesOnly.hits.length > 0);
      assert.ok(stagesOnly.hits.every((h) => h.kind === 'stage'));
    });

    it('filters by artifact type (artifacts only), stage type, journey status and journey', () => {
      const code = store.search('retry', { artifactTypes: ['code'] });
      assert.deepEqual(
        code.hits.map((h) => h.kind),
        ['artifact'],
      );
      assert.deepEqual(artifactIds(code), [c.backoffHelper]);
      assert.deepEqual(
        sorted(artifactIds(store.search('retry', { artifactTypes: ['code', 'document'] }))),
        sorted([c.backoffHelper, c.retryPolicy]),
      );

      const searchingOnly = store.search('not', { stageTypes: ['searching'] });
      assert.ok(searchingOnly.hits.length > 0);
      assert.ok(searchingOnly.hits.every((h) => h.stageType === 'searching'));
      assert.deepEqual(artifactIds(searchingOnly), [c.cacheDesign]);

      const complete = store.search('not', { journeyStatuses: ['complete'] });
      assert.ok(complete.hits.length > 0);
      assert.ok(complete.hits.every((h) => h.journeyStatus === 'complete' && h.journeyId === c.cacheJourney));
      assert.deepEqual(store.search('retry', { journeyStatuses: ['paused', 'stopped'] }).hits, []);

      const one = store.search('not', { journeyId: c.retryJourney });
      assert.deepEqual(artifactIds(one), [c.retryPolicy]);
      assert.ok(one.hits.every((h) => h.journeyId === c.retryJourney));

      assert.deepEqual(
        stageHits(store.search('idempotency', { stageTypes: ['challenging'], kinds: ['stage'] })).map(
          (h) => h.stageId,
        ),
        [c.challenging],
      );
      assert.deepEqual(store.search('idempotency', { stageTypes: ['solving'] }).hits, []);
    });

    it('refuses unknown filter values with INVALID_INPUT', () => {
      const bad: Array<Parameters<Store['search']>[1]> = [
        { artifactTypes: ['pdf' as never] },
        { stageTypes: ['flying' as never] },
        { journeyStatuses: ['asleep' as never] },
        { journeyId: '' },
        { limit: -1 },
        { limit: 1.5 },
        { limit: 100_000 },
      ];
      for (const options of bad) {
        assert.throws(
          () => store.search('retry', options),
          (e: unknown) => e instanceof StoreError && e.code === 'INVALID_INPUT',
          JSON.stringify(options),
        );
      }
    });

    it('folds whitespace in snippets and keeps the highlights on the matched words', () => {
      const journey = store.journeys.create({ input: 'Spacing' });
      const stage = store.stages.create({ journeyId: journey.id, type: 'building' });
      store.artifacts.create({
        stageId: stage.id,
        type: 'code',
        title: 'Whitespace',
        content: 'start\n\n\n   lots   of   spacing\t\t before the   needle   and\n\nafter',
      });
      const hit = store.search('needle spacing').hits[0]!;
      assert.equal(hit.snippet.text, 'start lots of spacing before the needle and after');
      assertHighlights(hit, ['needle', 'spacing']);
      assert.equal(hit.snippet.highlights.length, 2);
    });

    it('still puts an old title match first when more rows match than are ranked', function () {
      this.timeout(10_000);
      const journey = store.journeys.create({ input: 'Crowded' });
      const stage = store.stages.create({ journeyId: journey.id, type: 'building' });
      const oldTitle = store.transaction(() => {
        const first = store.artifacts.create({
          stageId: stage.id,
          type: 'document',
          title: 'Commonplace book',
          content: 'nothing else here',
        });
        for (let i = 0; i < 2000; i++) {
          store.artifacts.create({
            stageId: stage.id,
            type: 'document',
            title: `Item ${i}`,
            content: `this is commonplace text number ${i}`,
          });
        }
        return first.id;
      });
      const result = store.search('commonplace', { limit: 5 });
      assert.equal(result.hits.length, 5);
      assert.equal(result.approximate, true);
      assert.equal(artifactIds(result)[0], oldTitle);
      const filtered = store.search('commonplace', { limit: 5, artifactTypes: ['document'] });
      assert.equal(artifactIds(filtered)[0], oldTitle);
      const exact = store.search('commonplace', { limit: 5, journeyId: journey.id });
      assert.equal(exact.approximate, false, 'one journey is ranked in full');
      assert.equal(artifactIds(exact)[0], oldTitle);
    });

    it('returns at most `limit` hits, best first', () => {
      const journey = store.journeys.create({ input: 'Many' });
      const stage = store.stages.create({ journeyId: journey.id, type: 'building' });
      for (let i = 0; i < 12; i++) {
        store.artifacts.create({
          stageId: stage.id,
          type: 'code',
          title: `Item ${i}`,
          content: 'gizmo '.repeat(i + 1),
        });
      }
      assert.equal(store.search('gizmo').hits.length, 12);
      const limited = store.search('gizmo', { limit: 3 });
      assert.equal(limited.hits.length, 3);
      const scores = limited.hits.map((h) => h.score);
      assert.deepEqual(
        scores,
        [...scores].sort((x, y) => x - y),
      );
      assert.deepEqual(
        limited.hits.map((h) => h.score),
        store
          .search('gizmo')
          .hits.slice(0, 3)
          .map((h) => h.score),
      );
      assert.deepEqual(store.search('gizmo', { limit: 0 }).hits, []);
    });
  });

  describe('hostile input', () => {
    let c: Corpus;
    beforeEach(() => {
      c = seedCorpus(store);
    });

    // What each input should give: 'retry' = the retry policy is among the hits, 'none' = no hits,
    // 'any' = some result (never an error), or a list of artifact ids that must be exactly the artifact hits.
    // Operator words (AND, OR, NOT, NEAR) and column names are plain words here: exclusion is spelled -word.
    type Expectation = 'retry' | 'none' | 'any' | ((c: Corpus) => string[]);
    const cases: Array<[string, string, Expectation]> = [
      ['a lone double quote', '"', 'none'],
      ['an empty phrase', '""', 'none'],
      ['an unterminated phrase', '"unterminated', 'none'],
      ['an unterminated phrase of a real word', '"retry', 'retry'],
      ['a lone single quote', "'", 'none'],
      ['a lone minus', '-', 'none'],
      ['a double minus', '--', 'none'],
      ['only an exclusion', '-retry', 'none'],
      ['a lone colon', ':', 'none'],
      // Column filters are not syntax here: this searches the phrase "title retry", which no row contains.
      ['a column filter', 'title:retry', 'none'],
      ['a column name and colon', 'content:', (k) => [k.cacheDesign]],
      ['a column-set filter', '{title}: x', 'none'],
      ['a lone star', '*', 'none'],
      ['two stars', '**', 'none'],
      // Too short to be a prefix, so it is the word "a" (a stage prompt has it).
      ['a one-letter prefix', 'a*', () => []],
      ['a prefix', 'retr*', 'retry'],
      ['an opening parenthesis', '(', 'none'],
      ['a closing parenthesis', ')', 'none'],
      ['a word after a parenthesis', '(retry', 'retry'],
      ['a word before a parenthesis', 'retry)', 'retry'],
      ['the AND operator alone', 'AND', (k) => [k.retryPolicy]],
      ['the OR operator alone', 'OR', (k) => [k.retryPolicy]],
      ['the NOT operator alone', 'NOT', (k) => [k.retryPolicy, k.cacheDesign]],
      ['the NEAR operator alone', 'NEAR', 'none'],
      ['a NEAR group', 'NEAR(a b, 2)', 'none'],
      // The retry policy contains "and", "or" and "not"; the cache design contains "not" and "content".
      ['a dangling AND', 'retry AND', (k) => [k.retryPolicy]],
      ['a leading OR', 'OR retry', (k) => [k.retryPolicy]],
      ['a leading NOT', 'NOT retry', (k) => [k.retryPolicy]],
      ['a caret', '^retry', 'retry'],
      ['a plus', '+retry', 'retry'],
      ['a trailing tilde', 'retry~', 'retry'],
      ['a percent sign', '%', 'none'],
      ['an underscore', '_', 'none'],
      ['a backslash', '\\', 'none'],
      ['SQL injection', "'; DROP TABLE artifacts; --", 'none'],
      ['a tautology', '" OR 1=1 --', 'none'],
      ['an emoji', '🙂', 'none'],
      ['an emoji and a word', '🔥 retry', 'retry'],
      ['Chinese', '重试', (k) => [k.multilingual]],
      ['Russian', 'повтор', (k) => [k.multilingual]],
      ['Arabic', 'مرحبا', (k) => [k.multilingual]],
      ['a combining accent', 'e\u0301', 'none'],
      ['a NUL before a word', '\u0000retry', 'retry'],
      ['control characters around a word', '\u0007retry\u001b', 'retry'],
      ['the empty string', '', 'none'],
      ['whitespace only', ' \t\n ', 'none'],
      ['10 000 characters', 'x'.repeat(10_000), 'none'],
      ['10 000 characters after a word', 'retry ' + 'é'.repeat(9_994), 'none'],
      ['200 words', Array.from({ length: 200 }, (_, i) => `w${i}`).join(' '), 'none'],
      ['200 copies of a real word', Array(200).fill('retry').join(' '), 'retry'],
      ['a lone surrogate', '\uD800', 'none'],
      ['a lone surrogate next to a word', 'retry\uDC00', 'retry'],
      ['a prefix of a phrase', '"exponential back"*', 'retry'],
      ['nested quotes', '"retry ""policy"""', (k) => [k.retryPolicy]],
      ['a negated prefix', 'retry -back*', 'none'],
    ];

    for (const [name, query, expected] of cases) {
      it(`returns a result for ${name} (${JSON.stringify(query.length > 30 ? query.slice(0, 30) + '…' : query)})`, () => {
        let result: SearchResult | undefined;
        assert.doesNotThrow(() => {
          result = store.search(query);
        });
        assert.ok(result && Array.isArray(result.hits), 'a result with a hits array');
        const ids = artifactIds(result);
        if (expected === 'retry')
          assert.ok(ids.includes(c.retryPolicy), `expected the retry policy, got ${ids.join(', ')}`);
        else if (expected === 'none') assert.deepEqual(result.hits, []);
        else if (typeof expected === 'function') assert.deepEqual(sorted(ids), sorted(expected(c)));
        for (const hit of result.hits) {
          assert.equal(typeof hit.snippet.text, 'string');
          assert.ok(Array.isArray(hit.snippet.highlights));
        }
      });
    }

    it('says when a long query was cut short', () => {
      assert.equal(store.search('x'.repeat(10_000)).truncated, true);
      assert.equal(store.search(Array(200).fill('retry').join(' ')).truncated, true);
      assert.equal(store.search('retry').truncated, false);
    });

    it('ignores a query that is not a string instead of throwing', () => {
      for (const value of [undefined, null, 42, {}, ['retry']]) {
        assert.deepEqual(store.search(value as never).hits, []);
      }
    });

    it('leaves the database intact after the whole matrix, and a normal search still works', () => {
      for (const [, query] of cases) store.search(query);
      for (const [, query] of cases) store.search(query, { kinds: ['stage'], journeyStatuses: ['running'] });
      const report = store.check();
      assert.equal(report.ok, true, report.problems.join('\n'));
      assert.deepEqual(report.warnings, []);
      assertFtsIntact(store);
      assert.equal(store.select('artifacts').all().length, 4);
      assert.equal(store.journeys.count(), 2);
      assert.deepEqual(artifactIds(store.search('retry cap')), [c.retryPolicy]);
    });
  });
});
