import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { artifactHeadMessage } from '../../src/panels/artifactHead';
import type { ArtifactDto } from '../../src/protocol';
import { MARKDOWN_HEAD_FROM, referenceDefinitions, splitMarkdownHead } from '../../src/protocol/markdownHead';

// The head a long document shows first must render as the start of the whole document does.

const md = new MarkdownIt({ html: true, linkify: true });

function section(n: number): string {
  return [
    `## Section ${n}`,
    '',
    `Some **text** for section ${n}, with \`code\` and a link to https://example.com/${n}.`,
    '',
    '- one',
    '- two',
    '',
    '  still item two',
    '',
    '1. first',
    '2. second',
    '',
    '| a | b |',
    '|---|---|',
    `| ${n} | x |`,
    '',
    '> quoted',
    '',
    '    indented code',
    '',
    '    more indented code',
    '',
  ].join('\n');
}

function document(sections: number): string {
  return Array.from({ length: sections }, (_, i) => section(i + 1)).join('\n');
}

/** A fence of `marker`s whose body has blank lines followed by lines that would be good cuts outside it. */
function trap(marker: string, length = 400): string {
  const body = Array.from({ length }, (_, i) => `\n# not a heading ${i}\nplain line ${i}`).join('\n');
  return `${marker}md\n${body}\n${marker}\n`;
}

describe('the head of a long Markdown document', () => {
  it('is a prefix: head and rest together are the source', () => {
    const source = document(200);
    for (const min of [100, 1000, 4096, 20_000]) {
      const split = splitMarkdownHead(source, min, min * 4);
      assert.ok(split, `no split at ${min}`);
      assert.equal(split.head + split.rest, source);
      assert.ok(split.head.length >= min);
      assert.ok(split.head.length <= min * 4);
    }
  });

  it('renders as the start of the whole document does, and the rest as its end', () => {
    const source = document(100);
    for (const min of [500, 3000, 10_000]) {
      const split = splitMarkdownHead(source, min, min * 4)!;
      assert.equal(md.render(split.head) + md.render(split.rest), md.render(source));
    }
  });

  it('never cuts inside a fenced code block, ``` or ~~~, however long', () => {
    for (const marker of ['```', '~~~', '````']) {
      const source = `# Title\n\nIntro.\n\n${trap(marker)}\nAfter the fence.\n\nMore.\n`;
      const split = splitMarkdownHead(source, 100, source.length)!;
      assert.equal(split.head + split.rest, source);
      assert.ok(split.head.endsWith(`${marker}\n\n`), `cut inside a ${marker} fence`);
      assert.equal(md.render(split.head) + md.render(split.rest), md.render(source));
    }
  });

  it('knows which line closes a fence', () => {
    // Inside a ```` fence, ``` does not close it; inside ~~~, ``` is text; a longer closing run does close.
    const source = [
      '````',
      '```',
      '',
      'inside',
      '````````',
      '',
      '~~~',
      '```',
      '',
      'inside too',
      '~~~',
      '',
      'outside',
      '',
    ].join('\n');
    const split = splitMarkdownHead(source, 30, source.length)!;
    assert.equal(split.rest, 'outside\n');
  });

  it('does not take a line with backticks after its opening run for a fence', () => {
    const source = '``` inline `code` ```\n\nafter\n';
    assert.equal(splitMarkdownHead(source, 1, 100)!.rest, 'after\n');
  });

  it('treats an unclosed fence as running to the end', () => {
    const source = `Intro.\n\n${'```'}\ncode\n\n# not a heading\n\nstill code\n`;
    assert.equal(
      splitMarkdownHead(source, 20, 1000)!.rest,
      `${'```'}\ncode\n\n# not a heading\n\nstill code\n`,
    );
  });

  it('does not cut inside raw HTML blocks that go on across blank lines', () => {
    const source = [
      'Intro.',
      '',
      '<!-- a comment',
      '',
      'still the comment',
      '-->',
      '',
      '<pre>',
      '',
      'preformatted',
      '</pre>',
      '',
      'outside',
      '',
    ].join('\n');
    // Past the comment's start, the next boundary is after it; past the <pre>'s start, after that.
    assert.equal(
      splitMarkdownHead(source, 10, source.length)!.rest,
      '<pre>\n\npreformatted\n</pre>\n\noutside\n',
    );
    assert.equal(splitMarkdownHead(source, 48, source.length)!.rest, 'outside\n');
  });

  it('does not cut before a list item or an indented line, which may belong to the block above', () => {
    const source = 'Intro.\n\n- a\n\n- b\n\n  more of b\n\n      code\n\n1. c\n\nEnd.\n';
    const split = splitMarkdownHead(source, 10, source.length)!;
    assert.equal(split.rest, 'End.\n');
  });

  it('takes the last boundary before the minimum when none comes before the maximum', () => {
    const source = `Intro.\n\nSecond.\n\n${trap('```', 50)}\nAfter.\n`;
    const split = splitMarkdownHead(source, 100, 200)!;
    assert.equal(split.head, 'Intro.\n\nSecond.\n\n');
  });

  it('gives no split when there is no boundary', () => {
    assert.equal(splitMarkdownHead(trap('```'), 100, 100_000), undefined);
    assert.equal(splitMarkdownHead('just one paragraph\nof two lines\n', 1, 100), undefined);
    assert.equal(splitMarkdownHead('', 1, 100), undefined);
  });

  it('handles CRLF line ends', () => {
    const source = 'Intro.\r\n\r\n```\r\n\r\n# code\r\n```\r\n\r\nAfter.\r\n';
    assert.equal(splitMarkdownHead(source, 11, 1000)!.rest, 'After.\r\n');
  });
});

describe('reference definitions for the head', () => {
  it('lets links in the head resolve to definitions at the end of the document', () => {
    const source = `See [the guide][guide] and [home].\n\n${document(30)}\n[guide]: https://example.com/guide "The guide"\n[home]: <https://example.com/>\n`;
    const split = splitMarkdownHead(source, 200, 2000)!;
    const head = `${split.head}\n\n${referenceDefinitions(source)}\n`;
    const firstParagraph = (html: string) => html.slice(0, html.indexOf('</p>'));
    assert.equal(firstParagraph(md.render(head)), firstParagraph(md.render(source)));
    assert.match(md.render(head), /<a href="https:\/\/example.com\/guide" title="The guide">the guide<\/a>/);
  });

  it('leaves out lines inside code blocks that only look like definitions', () => {
    const source = [
      '[real]: https://example.com/real',
      '',
      '```ini',
      '[section]: not-a-link',
      '```',
      '',
      '~~~~',
      '[real]: https://example.com/fake',
      '~~~~',
      '',
      '<pre>',
      '',
      '[pre]: /inside-pre',
      '</pre>',
      '',
      '    [indented]: /code',
      '',
      '[late]: /late "Late"',
    ].join('\n');
    assert.equal(referenceDefinitions(source), '[real]: https://example.com/real\n[late]: /late "Late"');
  });

  it('takes only lines that are definitions, so nothing else is added to the head', () => {
    const source = "[a]: /one\n[b]: /two 'title'\n[not]: two words\n[c]:\n  /three\ntext [x]: /y\n";
    assert.equal(referenceDefinitions(source), "[a]: /one\n[b]: /two 'title'");
    assert.equal(md.render(referenceDefinitions(source)), '');
  });
});

describe('the head message a panel posts before a long document', () => {
  const base = {
    id: 'artifact_long',
    title: 'Long',
    createdAt: 0,
    updatedAt: 0,
  };
  const show = (type: ArtifactDto['type'], content: string, metadata: Record<string, unknown> = {}) =>
    ({
      type: 'showArtifact',
      artifact: { ...base, type, content, metadata },
      options: { allowRemoteImages: false },
    }) as const;

  it('carries a short head of a long Markdown document, which renders as the start of the whole', () => {
    const source = document(2000);
    assert.ok(source.length > MARKDOWN_HEAD_FROM);
    const head = artifactHeadMessage(show('document', source));
    assert.ok(head?.type === 'showArtifactHead');
    assert.ok(head.artifact.content.length < 32 * 1024, `head of ${head.artifact.content.length} characters`);
    assert.ok(source.startsWith(head.artifact.content));
    assert.ok(md.render(source).startsWith(md.render(head.artifact.content)));
    assert.equal(head.artifact.id, base.id);
    assert.equal(head.wholeBytes, Buffer.byteLength(source), 'the header shows the whole size');
  });

  it('is not sent for short documents, other formats or other types', () => {
    const long = document(2000);
    assert.equal(artifactHeadMessage(show('document', document(3))), undefined);
    assert.equal(artifactHeadMessage(show('document', long, { format: ' HTML ' })), undefined);
    assert.equal(artifactHeadMessage(show('document', long, { format: 'text' })), undefined);
    assert.equal(artifactHeadMessage(show('code', long)), undefined);
    assert.equal(artifactHeadMessage({ type: 'notice', level: 'info', message: long }), undefined);
  });
});
