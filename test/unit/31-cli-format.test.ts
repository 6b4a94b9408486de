import assert from 'node:assert/strict';
import { closest } from '../../src/cli/suggest';
import { highlight, oneLine, styles, table } from '../../src/cli/format';

// The terminal formatting the CLI's listings rely on, checked without a database.

const plain = styles(false);

describe('CLI formatting', () => {
  it('cuts long text to one line of the given width, ending in an ellipsis', () => {
    assert.equal(
      oneLine('Design a local-first\n\nsync   protocol', 100),
      'Design a local-first sync protocol',
    );
    assert.equal(oneLine('Design a local-first sync protocol', 12), 'Design a lo…');
    assert.equal([...oneLine('🚀🚀🚀🚀🚀🚀', 4)].length, 4, 'counts an emoji once, never splits it');
  });

  it('marks matches with brackets, or ANSI bold on a terminal', () => {
    const snippet = {
      text: 'full jitter spreads clients',
      highlights: [
        [5, 11],
        [0, 4],
      ] as Array<[number, number]>,
    };
    assert.equal(highlight(snippet, false), '[full] [jitter] spreads clients');
    assert.equal(
      highlight(snippet, true),
      '\u001b[1mfull\u001b[22m \u001b[1mjitter\u001b[22m spreads clients',
    );
    assert.equal(highlight({ text: 'no marks', highlights: [] }, false), 'no marks');
  });

  it('aligns columns and shortens only the flexible one to fit the width', () => {
    const lines = table(
      [{ header: 'ID' }, { header: 'N', align: 'right' }, { header: 'INPUT', flexible: true }],
      [
        ['a', '5', 'short'],
        ['journey_b', '12', 'a much longer input that will not fit in the width we allow'],
      ],
      40,
      plain,
    );
    assert.deepEqual(lines, [
      'ID          N  INPUT',
      'a           5  short',
      'journey_b  12  a much longer input that…',
    ]);
    assert.ok(lines.every((l) => l.length <= 40));
  });

  it('suggests the nearest command for a typo, and nothing for a different word', () => {
    const names = ['search', 'status', 'show', 'journeys'];
    assert.equal(closest('serach', names), 'search');
    assert.equal(closest('Journey', names), 'journeys');
    assert.equal(closest('frobnicate', names), undefined);
  });
});
