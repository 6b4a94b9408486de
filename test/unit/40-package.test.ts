import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const ROOT = process.cwd();
const VSIX = join(ROOT, 'perpetua-journey-explorer.vsix');

interface ZipEntry {
  name: string;
  read(): Buffer;
}

/** The entries of a zip's central directory (a VSIX is a zip), read without any unzip tool. */
function zipEntries(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'the file is a zip');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    entries.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      read: () => {
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + compressedSize);
        return method === 8 ? inflateRawSync(data) : Buffer.from(data);
      },
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

describe('the packaged extension (npm run package)', function () {
  this.timeout(120000);
  let entries: ZipEntry[];
  let files: string[];

  before(() => {
    run('npm', ['run', 'package']);
    entries = zipEntries(readFileSync(VSIX));
    files = entries.map((e) => e.name).filter((f) => f.startsWith('extension/'));
  });

  // The production build replaced dist/; put the development build (with source maps) back for the suites after us.
  after(() => run(process.execPath, ['esbuild.mjs']));

  it('contains the minified host bundle without a source map', () => {
    assert.ok(files.includes('extension/dist/extension.js'));
    const read = (name: string) =>
      entries
        .find((e) => e.name === name)!
        .read()
        .toString('utf8');
    const manifest = JSON.parse(read('extension/package.json')) as { main: string };
    assert.equal(manifest.main, './dist/extension.js');
    const bundle = read('extension/dist/extension.js');
    assert.ok(bundle.includes('perpetua.journeys'), 'the real bundle');
    assert.ok(!bundle.includes('sourceMappingURL'), 'no source map reference');
    assert.ok(!bundle.includes('journeyStatusIcon'), 'minified: module-level names are shortened');
  });

  it('leaves out sources, tests, source maps and other build output', () => {
    const unwanted = files.filter(
      (f) =>
        f.startsWith('extension/src/') ||
        f.startsWith('extension/test/') ||
        f.startsWith('extension/dist/test/') ||
        f.startsWith('extension/scripts/') ||
        f.startsWith('extension/bench/') ||
        f.endsWith('.map') ||
        f.endsWith('.ts'),
    );
    assert.deepEqual(unwanted, []);
    assert.ok(!files.includes('extension/dist/bench.js'), 'no benchmark');
    assert.ok(
      files.includes('extension/dist/cli.js'),
      'the CLI, which runs Check Database in its own process',
    );
  });

  it('ships better-sqlite3 with its Linux x64 binary and nothing else from node_modules', () => {
    const modules = files.filter((f) => f.startsWith('extension/node_modules/'));
    assert.ok(modules.includes('extension/node_modules/better-sqlite3/prebuilds/linux-x64.node'));
    assert.ok(modules.includes('extension/node_modules/better-sqlite3/lib/index.js'));
    assert.ok(modules.includes('extension/node_modules/better-sqlite3/package.json'));
    assert.deepEqual(
      modules.filter((f) => !f.startsWith('extension/node_modules/better-sqlite3/')),
      [],
    );
    assert.deepEqual(
      modules.filter((f) => f.endsWith('.node')),
      ['extension/node_modules/better-sqlite3/prebuilds/linux-x64.node'],
      'no binaries for other platforms',
    );
    assert.ok(
      !modules.some((f) => /better-sqlite3\/(src|deps)\//.test(f) || f.endsWith('binding.gyp')),
      'no C sources',
    );
  });

  it('stays small', () => {
    assert.ok(statSync(VSIX).size < 8 * 1024 * 1024, `${statSync(VSIX).size} bytes`);
  });
});
