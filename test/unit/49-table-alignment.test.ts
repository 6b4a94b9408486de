import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { tableAlignmentPlugin } from '../../webview/render/tableAlignment';

// Column alignment must survive the sanitizer, which drops every style attribute.

describe('table alignment in rendered Markdown', () => {
  const md = new MarkdownIt({ html: true }).use(tableAlignmentPlugin);

  it('turns each aligned column into a class and leaves no style attribute', () => {
    const html = md.render('| name | size | note |\n| :-- | --: | :-: |\n| a | 10 | ok |\n| b | 200 | - |\n');
    assert.doesNotMatch(html, /style=/);
    assert.equal((html.match(/<th class="align-left">/g) ?? []).length, 1);
    assert.equal((html.match(/<td class="align-right">/g) ?? []).length, 2);
    assert.equal((html.match(/<td class="align-center">/g) ?? []).length, 2);
  });

  it('leaves unaligned columns and raw HTML cells alone', () => {
    assert.match(md.render('| a | b |\n| --- | --- |\n| 1 | 2 |\n'), /<td>1<\/td>/);
    const raw = md.render('<table><tr><td style="color:red">x</td></tr></table>\n');
    assert.match(raw, /style="color:red"/, 'raw HTML is the sanitizer’s business, not this plugin’s');
  });
});
