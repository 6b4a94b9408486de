import assert from 'node:assert/strict';
import { parseSearchText, removeFilterWords, toSearchOptions } from '../../src/search/searchText';

describe('search box text', () => {
  it('takes filter words out of the text and turns them into store options', () => {
    const parsed = parseSearchText(
      'type:code,document retry stage:solving status:running journey:journey_1 ',
    );
    assert.equal(parsed.query, 'retry');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(toSearchOptions(parsed.filters, 50), {
      limit: 50,
      artifactTypes: ['code', 'document'],
      stageTypes: ['solving'],
      journeyStatuses: ['running'],
      journeyId: 'journey_1',
    });
  });

  it('makes the word being typed a prefix from four letters on, but not after a space, a quote or a minus', () => {
    assert.equal(parseSearchText('retr').query, 'retr*');
    assert.equal(parseSearchText('retry back').query, 'retry back*');
    assert.equal(parseSearchText('retry ').query, 'retry');
    assert.equal(parseSearchText('"exponential backoff"').query, '"exponential backoff"');
    assert.equal(parseSearchText('retry -jitter').query, 'retry -jitter');
    assert.equal(parseSearchText('ret*').query, 'ret*');
    assert.equal(parseSearchText('r').query, 'r');
    assert.equal(parseSearchText('ret').query, 'ret');
  });

  it('keeps filter-looking words inside quotes as text', () => {
    const parsed = parseSearchText('"type:code" x');
    assert.equal(parsed.query, '"type:code" x');
    assert.deepEqual(parsed.filters.artifactTypes, []);
  });

  it('names an unknown filter value instead of searching for it', () => {
    const parsed = parseSearchText('type:spreadsheet retry');
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0]!, /"spreadsheet" is not an artifact type; use one of document, code/);
    assert.match(parseSearchText('stage:').problems[0]!, /needs a value/);
  });

  it('accepts filter names and values in any case', () => {
    const parsed = parseSearchText('TYPE:Code Stage:SOLVING x');
    assert.deepEqual(parsed.filters.artifactTypes, ['code']);
    assert.deepEqual(parsed.filters.stageTypes, ['solving']);
  });

  it('removes one kind of filter word and leaves the rest', () => {
    assert.equal(
      removeFilterWords('type:code retry stage:solving "type:x"', 'type'),
      'retry stage:solving "type:x"',
    );
  });
});
