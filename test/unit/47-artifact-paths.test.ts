import assert from 'node:assert/strict';
import {
  artifactFileName,
  journeySegment,
  sanitizeSegment,
  stageSegment,
  targetFromQuery,
  targetQuery,
} from '../../src/fs/artifactPaths';
import { extensionFor } from '../../src/fs/fileExtensions';

describe('artifact file names and paths', () => {
  it('picks the extension from metadata.language, then metadata.format, then filename', () => {
    const ext = (metadata: Record<string, unknown>, type: 'code' | 'document' | 'visualization' = 'code') =>
      extensionFor({ type, metadata, content: '' });
    assert.equal(ext({ language: 'typescript' }), '.ts');
    assert.equal(ext({ language: 'Python' }), '.py');
    assert.equal(ext({ language: 'rust', filename: 'x.go' }), '.rs');
    assert.equal(ext({ format: 'svg' }, 'visualization'), '.svg');
    assert.equal(ext({ format: 'mermaid' }, 'visualization'), '.mmd');
    assert.equal(ext({ format: 'vega-lite' }, 'visualization'), '.vl.json');
    assert.equal(ext({ format: 'json' }, 'document'), '.json');
    assert.equal(ext({ format: 'markdown' }, 'document'), '.md');
    assert.equal(ext({ filename: 'retry.kt' }), '.kt');
  });

  it('falls back to the content and the artifact type', () => {
    const ext = (type: 'code' | 'document' | 'visualization' | 'mindmap' | 'other', content: string) =>
      extensionFor({ type, metadata: {}, content });
    assert.equal(ext('visualization', '<svg xmlns="http://www.w3.org/2000/svg"></svg>'), '.svg');
    assert.equal(ext('visualization', 'flowchart LR\n a --> b'), '.mmd');
    assert.equal(ext('mindmap', 'mindmap\n  root'), '.mmd');
    assert.equal(
      ext('visualization', '{"$schema":"https://vega.github.io/schema/vega-lite/v5.json"}'),
      '.vl.json',
    );
    assert.equal(ext('other', '{"a": 1}'), '.json');
    assert.equal(ext('code', 'def retry():\n  pass'), '.py');
    assert.equal(ext('code', 'fn main() {}'), '.rs');
    assert.equal(ext('code', 'export function f(): number { return 1 }'), '.ts');
    assert.equal(ext('document', 'Plain words.'), '.md');
    assert.equal(ext('mindmap', '- root\n  - child'), '.md');
    assert.equal(ext('other', 'plain words'), '.txt');
  });

  it('makes readable, safe path segments', () => {
    assert.equal(sanitizeSegment('a/b\\c:d*e?f"g<h>i|j', 80), 'a b c d e f g h i j');
    assert.equal(sanitizeSegment('  ...  ', 80), 'untitled');
    assert.equal(sanitizeSegment('..hidden', 80), 'hidden');
    const long = journeySegment(
      'How should clients retry failed requests without overloading the server again and again?\nmore',
    );
    assert.ok(long.length <= 60, long);
    assert.ok(long.endsWith('…'));
    assert.ok(!long.includes('\n'));
    assert.equal(stageSegment(2, 'solving'), '02-solving');
    assert.equal(artifactFileName('retry.ts', '.ts'), 'retry.ts');
    assert.equal(artifactFileName('Retry helper', '.ts'), 'Retry helper.ts');
  });

  it('carries the id, whatever its shape, in the query and reads it back', () => {
    for (const target of [
      { kind: 'artifact', id: 'artifact_abc' },
      { kind: 'stage', id: '0f8c-uuid/with&odd=chars' },
    ] as const) {
      assert.deepEqual(targetFromQuery(targetQuery(target)), target);
    }
    assert.equal(targetFromQuery(''), undefined);
    assert.equal(targetFromQuery('journey=x'), undefined);
  });
});
