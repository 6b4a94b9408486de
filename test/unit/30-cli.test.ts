import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoDocument } from '../../src/demo/demoJourneys';
import type { ExchangeDocument, ImportReport, StoreStatus } from '../../src/store';
import { fingerprint, withRaw } from '../helpers/seedChecks';
import { SeedDatabase } from '../helpers/seedDatabase';
import { TempDir } from '../helpers/tempStore';

// The built `perpetua` command, run as a real child process on real database files.

const CLI = resolve('dist/cli.js');

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  cwd?: string;
}

function perpetua(args: readonly string[], options: RunOptions = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.PERPETUA_DB;
  delete env.PERPETUA_DEBUG;
  Object.assign(env, options.env);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env,
    cwd: options.cwd ?? process.cwd(),
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function json<T>(run: Run): T {
  assert.equal(run.status, 0, `expected success, got ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** A user error: exactly one line on stderr, starting with "perpetua:", and no stack trace. */
function assertOneLineError(run: Run, status: 1 | 2, pattern: RegExp): void {
  assert.equal(run.status, status, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
  const lines = run.stderr.trimEnd().split('\n');
  if (status === 2) {
    assert.equal(lines.length, 2, run.stderr);
    assert.equal(lines[1], "Run 'perpetua help' for usage.");
  } else {
    assert.equal(lines.length, 1, run.stderr);
  }
  assert.match(lines[0]!, /^perpetua: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
}

interface Counts {
  journeys: number;
  stages: number;
  artifacts: number;
}

const DEMO = demoDocument();
const DEMO_COUNTS: Counts = {
  journeys: DEMO.journeys.length,
  stages: DEMO.journeys.reduce((n, j) => n + j.stages.length, 0),
  artifacts: DEMO.journeys.reduce((n, j) => n + j.stages.reduce((m, s) => m + s.artifacts.length, 0), 0),
};

function counts(db: string): Counts {
  return json<StoreStatus>(perpetua(['--db', db, '--json', 'status'])).counts;
}

interface HitJson {
  kind: 'artifact' | 'stage';
  artifactId: string | null;
  journeyId: string;
  stageId: string;
  title: string;
  type: string;
  snippet: string;
  score: number;
}

interface JourneyJson {
  id: string;
  status: string;
  createdAt: number;
  stageCount: number;
  artifactCount: number;
  input: string;
}

describe('perpetua CLI', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let db: string;

  beforeEach(() => {
    dir = new TempDir();
    db = dir.file('perpetua.db');
  });
  afterEach(() => dir.dispose());

  function loadDemo(): void {
    assert.equal(perpetua(['--db', db, 'demo']).status, 0);
  }

  describe('demo and status', () => {
    it('loads the demo journeys and reports the same counts when loaded again', () => {
      const first = perpetua(['--db', db, 'demo']);
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /journeys\s+5\s+0\s+0/);
      assert.match(first.stdout, /holds 5 journeys, \d+ stages and \d+ artifacts/);
      const afterFirst = counts(db);
      assert.deepEqual(afterFirst, DEMO_COUNTS);

      const second = json<ImportReport & { totals: Counts }>(perpetua(['--db', db, '--json', 'demo']));
      assert.deepEqual(second.journeys, { created: 0, updated: 0, unchanged: DEMO_COUNTS.journeys });
      assert.deepEqual(second.artifacts, { created: 0, updated: 0, unchanged: DEMO_COUNTS.artifacts });
      assert.deepEqual(second.totals, afterFirst);
      assert.deepEqual(counts(db), afterFirst);
    });

    it('shows path, schema version, counts by status, journal mode, SQLite version and file size', () => {
      loadDemo();
      const run = perpetua(['--db', db, 'status']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`Database\\s+${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.match(run.stdout, /Schema version\s+2 \(latest\)/);
      assert.match(run.stdout, /Journeys\s+5\s+\(running 1, paused 1, stopped 1, complete 1, error 1\)/);
      assert.match(run.stdout, /Journal mode\s+wal/);
      assert.match(run.stdout, /SQLite\s+3\.\d+\.\d+/);
      assert.match(run.stdout, /File size\s+[\d.]+ (B|KB|MB)/);

      const status = json<StoreStatus>(perpetua(['--db', db, 'status', '--json']));
      assert.equal(status.schemaVersion, 2);
      assert.equal(status.journalMode, 'wal');
      assert.deepEqual(status.counts, DEMO_COUNTS);
      assert.ok(status.fileBytes > 0);
    });
  });

  describe('journeys', () => {
    it('lists journeys newest first with aligned columns and stage counts', () => {
      loadDemo();
      const run = perpetua(['--db', db, 'journeys']);
      assert.equal(run.status, 0, run.stderr);
      const lines = run.stdout.trimEnd().split('\n');
      assert.match(lines[0]!, /^ID\s+STATUS\s+CREATED\s+STAGES\s+ARTIFACTS\s+INPUT$/);
      assert.equal(lines.length, 6);
      const newestFirst = [...DEMO.journeys].sort((a, b) => b.createdAt - a.createdAt);
      newestFirst.forEach((j, i) => {
        const line = lines[i + 1]!;
        assert.ok(line.startsWith(j.id), line);
        assert.equal(
          line.indexOf(j.status, j.id.length),
          lines[0]!.indexOf('STATUS'),
          'status column aligned',
        );
      });
    });

    it('filters by status and limits the list, saying more exist', () => {
      loadDemo();
      const paused = json<JourneyJson[]>(perpetua(['--db', db, 'journeys', '--status', 'paused', '--json']));
      assert.deepEqual(
        paused.map((j) => j.id),
        ['journey_demo_caching'],
      );
      const two = json<JourneyJson[]>(
        perpetua(['--db', db, '--json', 'journeys', '--status', 'running,error,complete', '--limit', '2']),
      );
      assert.deepEqual(
        two.map((j) => j.status),
        ['running', 'error'],
      );
      assert.ok(two[0]!.createdAt > two[1]!.createdAt);
      const text = perpetua(['--db', db, 'journeys', '--limit', '1']);
      assert.equal(text.stdout.trimEnd().split('\n').length, 3);
      assert.match(text.stdout, /use --limit N to see more/);
    });

    it('refuses a bad --limit or status with exit code 2', () => {
      loadDemo();
      for (const limit of ['abc', '0', '1.5', '100000']) {
        assertOneLineError(
          perpetua(['--db', db, 'journeys', '--limit', limit]),
          2,
          /--limit must be a whole number/,
        );
      }
      assertOneLineError(perpetua(['--db', db, 'journeys', '--limit']), 2, /--limit needs a value/);
      assertOneLineError(perpetua(['--db', db, 'journeys', '--status', 'done']), 2, /Unknown status 'done'/);
    });
  });

  describe('show', () => {
    it('shows a journey as an outline of its stages and artifacts', () => {
      loadDemo();
      const run = perpetua(['--db', db, 'show', 'journey_demo_retries']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^journey_demo_retries {2}complete$/m);
      assert.match(run.stdout, /Why do retries with exponential backoff still cause thundering herds\?/);
      assert.match(run.stdout, /^1\. +discovering {2}complete/m);
      assert.match(run.stdout, /^5\. +building {2}complete/m);
      assert.match(
        run.stdout,
        /• code\/typescript {2}retry\.ts: backoff with full jitter {2}artifact_demo_retries_helper/,
      );
      assert.match(run.stdout, /• visualization\/vega-lite {2}Load after recovery/);
    });

    it('prints an artifact’s content exactly, so it can be redirected to a file', () => {
      loadDemo();
      const helper = DEMO.journeys[0]!.stages[2]!.artifacts[0]!;
      assert.equal(helper.id, 'artifact_demo_retries_helper');
      const run = perpetua(['--db', db, 'show', helper.id]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, helper.content);
      assert.equal(run.stderr, '');
    });

    it('shows a stage with its prompt, result, thinking and artifacts', () => {
      loadDemo();
      const run = perpetua(['--db', db, 'show', 'stage_demo_retries_solve']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^stage_demo_retries_solve {2}solving {2}complete$/m);
      for (const heading of ['Prompt', 'Result', 'Thinking', 'Artifacts']) {
        assert.match(run.stdout, new RegExp(`^${heading}$`, 'm'));
      }
      assert.match(run.stdout, /Equal jitter keeps half the window fixed/);
      const asJson = json<{ kind: string; artifacts: unknown[] }>(
        perpetua(['--db', db, 'show', '--json', 'stage_demo_retries_solve']),
      );
      assert.equal(asJson.kind, 'stage');
      assert.equal(asJson.artifacts.length, 2);
    });

    it('gives JSON for journeys and artifacts', () => {
      loadDemo();
      const journey = json<{ kind: string; stages: { artifacts: unknown[] }[] }>(
        perpetua(['--db', db, '--json', 'show', 'journey_demo_sync']),
      );
      assert.equal(journey.kind, 'journey');
      assert.equal(journey.stages.length, 4);
      const artifact = json<{ kind: string; content: string; location: { journeyId: string } }>(
        perpetua(['--db', db, '--json', 'show', 'artifact_demo_sync_hlc']),
      );
      assert.equal(artifact.kind, 'artifact');
      assert.match(artifact.content, /Hybrid logical clock/);
      assert.equal(artifact.location.journeyId, 'journey_demo_sync');
    });

    it('exits 1 with one line for an unknown id and 2 when the id is missing', () => {
      loadDemo();
      assertOneLineError(
        perpetua(['--db', db, 'show', 'journey_nope']),
        1,
        /No journey, stage or artifact has the id 'journey_nope'/,
      );
      assertOneLineError(perpetua(['--db', db, 'show']), 2, /'show' needs an ID/);
      assertOneLineError(perpetua(['--db', db, 'show', 'a', 'b']), 2, /'show' takes an ID/);
    });
  });

  describe('search', () => {
    it('prints one block per hit with title, type, journey, stage and [marked] matches', () => {
      loadDemo();
      const run = perpetua(['--db', db, 'search', 'hybrid', 'clock']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^\d\. hlc\.rs: hybrid logical clock {2}code · artifact_demo_sync_hlc$/m);
      assert.match(run.stdout, /journey {2}Design a local-first sync protocol.* \(journey_demo_sync\)/);
      assert.match(run.stdout, /stage {4}building \(stage_demo_sync_build\)/);
      assert.match(run.stdout, /\[Hybrid\] logical \[clock\]/);
      assert.doesNotMatch(run.stdout, /\u001b\[/, 'no ANSI codes when stdout is not a terminal');
      assert.match(run.stdout, /\d+ match(es)?\.\n$/);
    });

    it('gives JSON hits with ids, title, type, kind, plain snippet and score', () => {
      loadDemo();
      const hits = json<HitJson[]>(perpetua(['--db', db, 'search', 'jitter', '--json']));
      assert.ok(hits.length >= 4);
      const kinds = new Set(hits.map((h) => h.kind));
      assert.deepEqual([...kinds].sort(), ['artifact', 'stage']);
      for (const hit of hits) {
        assert.equal(hit.journeyId, 'journey_demo_retries');
        assert.match(hit.stageId, /^stage_demo_retries_/);
        assert.equal(typeof hit.score, 'number');
        assert.match(hit.snippet, /jitter/i);
        assert.doesNotMatch(hit.snippet, /[\u0002\u0003[\]]jitter/i);
        if (hit.kind === 'stage') {
          assert.equal(hit.artifactId, null);
          assert.equal(hit.title, `${hit.type} stage`);
        } else {
          assert.match(hit.artifactId ?? '', /^artifact_demo_/);
        }
      }
    });

    it('shows each hit a snippet of its own text', () => {
      loadDemo();
      const texts = new Map<string, string>();
      for (const j of DEMO.journeys) {
        for (const s of j.stages) {
          texts.set(s.id, [s.prompt, s.result, s.thinking ?? ''].join(' '));
          for (const a of s.artifacts) texts.set(a.id, `${a.title} ${a.content}`);
        }
      }
      const flat = (text: string) => text.replace(/\s+/g, ' ');
      const hits = json<HitJson[]>(perpetua(['--db', db, '--json', 'search', 'jitter']));
      for (const hit of hits) {
        const source = flat(texts.get(hit.artifactId ?? hit.stageId)!);
        for (const piece of hit.snippet
          .split('…')
          .map((p) => p.trim())
          .filter((p) => p.length > 0)) {
          assert.ok(source.includes(piece), `${hit.artifactId ?? hit.stageId}: "${piece}" is not its text`);
        }
      }
    });

    it('filters by artifact type, stage type and journey', () => {
      loadDemo();
      const code = json<HitJson[]>(perpetua(['--db', db, '--json', 'search', 'cache', '--type', 'code']));
      assert.deepEqual(
        code.map((h) => h.artifactId),
        ['artifact_demo_caching_lru'],
      );
      const solving = json<HitJson[]>(
        perpetua(['--db', db, '--json', 'search', 'jitter', '--type', 'solving']),
      );
      assert.ok(solving.length > 0);
      assert.ok(solving.every((h) => h.stageId === 'stage_demo_retries_solve'));
      const inSync = json<HitJson[]>(
        perpetua([
          '--db',
          db,
          '--json',
          'search',
          'offline',
          '--journey',
          'journey_demo_sync',
          '--limit',
          '3',
        ]),
      );
      assert.ok(inSync.length > 0 && inSync.length <= 3);
      assert.ok(inSync.every((h) => h.journeyId === 'journey_demo_sync'));
      assertOneLineError(perpetua(['--db', db, 'search', 'x', '--type', 'video']), 2, /Unknown type 'video'/);
      assertOneLineError(perpetua(['--db', db, 'search', 'x', '--limit', '-3']), 2, /--limit/);
      assertOneLineError(
        perpetua(['--db', db, 'search', 'x', '--journey', 'journey_nope']),
        1,
        /Journey journey_nope does not exist/,
      );
    });

    it('treats hostile text as words and never fails on it', () => {
      loadDemo();
      for (const query of ['"(NEAR*', '-', '', 'title:x OR', 'NOT AND', '*', '""']) {
        const run = perpetua(['--db', db, '--json', 'search', '--', query]);
        assert.equal(run.status, 0, `${query}: ${run.stderr}`);
        assert.ok(Array.isArray(JSON.parse(run.stdout)), query);
        const text = perpetua(['--db', db, 'search', '--', query]);
        assert.equal(text.status, 0, `${query}: ${text.stderr}`);
        assert.equal(text.stderr, '');
      }
    });
  });

  describe('import and export', () => {
    it('imports a file, then reports everything unchanged the second time', () => {
      const file = dir.file('demo.json');
      writeFileSync(file, JSON.stringify(DEMO));
      const first = perpetua(['--db', db, 'import', file]);
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, new RegExp(`journeys\\s+${DEMO_COUNTS.journeys}\\s+0\\s+0`));
      const second = json<ImportReport>(perpetua(['--db', db, '--json', 'import', file]));
      assert.deepEqual(second, {
        journeys: { created: 0, updated: 0, unchanged: DEMO_COUNTS.journeys },
        stages: { created: 0, updated: 0, unchanged: DEMO_COUNTS.stages },
        artifacts: { created: 0, updated: 0, unchanged: DEMO_COUNTS.artifacts },
      });
    });

    it('imports from standard input with -', () => {
      const one = { ...DEMO, journeys: [DEMO.journeys[1]!] };
      const run = perpetua(['--db', db, 'import', '-'], { input: JSON.stringify(one) });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /Imported standard input/);
      assert.equal(counts(db).journeys, 1);
    });

    it('refuses a malformed file naming the JSON path, and changes nothing', () => {
      loadDemo();
      const before = perpetua(['--db', db, 'export']).stdout;
      const bad = structuredClone(DEMO);
      bad.journeys[0]!.input = 'changed, but must not be written';
      (bad.journeys[2]!.stages[1]! as { status: string }).status = 'finished';
      const file = dir.file('bad.json');
      writeFileSync(file, JSON.stringify(bad));
      assertOneLineError(
        perpetua(['--db', db, 'import', file]),
        1,
        /\$\.journeys\[2\]\.stages\[1\]\.status.*Nothing was imported/,
      );
      writeFileSync(file, '{"format": "perpetua-journeys", ');
      assertOneLineError(perpetua(['--db', db, 'import', file]), 1, /not valid JSON/);
      assertOneLineError(
        perpetua(['--db', db, 'import', dir.file('missing.json')]),
        1,
        /Cannot read .*no such file/,
      );
      const after = perpetua(['--db', db, 'export']).stdout;
      const strip = (text: string) => ({ ...(JSON.parse(text) as ExchangeDocument), exportedAt: '' });
      assert.deepEqual(strip(after), strip(before));
      assertOneLineError(perpetua(['--db', db, 'import']), 2, /'import' needs a FILE/);
    });

    it('exports all or chosen journeys to stdout or --out, and the export imports elsewhere unchanged', () => {
      loadDemo();
      const all = JSON.parse(perpetua(['--db', db, 'export']).stdout) as ExchangeDocument;
      assert.equal(all.format, 'perpetua-journeys');
      assert.equal(all.journeys.length, DEMO_COUNTS.journeys);
      const chosen = JSON.parse(
        perpetua(['--db', db, 'export', 'journey_demo_sync', 'journey_demo_caching']).stdout,
      ) as ExchangeDocument;
      assert.deepEqual(
        chosen.journeys.map((j) => j.id),
        ['journey_demo_sync', 'journey_demo_caching'],
      );

      const out = dir.file('out.json');
      const run = perpetua(['--db', db, 'export', '--out', out]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /Exported 5 journeys \(\d+ stages\) to /);
      const copy = dir.file('copy.db');
      assert.equal(perpetua(['--db', copy, 'import', out]).status, 0);
      const again = JSON.parse(perpetua(['--db', copy, 'export']).stdout) as ExchangeDocument;
      assert.deepEqual({ ...again, exportedAt: '' }, { ...all, exportedAt: '' });

      assertOneLineError(perpetua(['--db', db, 'export', 'journey_nope']), 1, /journey_nope does not exist/);
      assert.ok(!existsSync(dir.file('never.json')));
      assertOneLineError(
        perpetua(['--db', db, 'export', 'journey_nope', '--out', dir.file('never.json')]),
        1,
        /nope/,
      );
      assert.ok(!existsSync(dir.file('never.json')), 'no file written on failure');
    });
  });

  describe('set-status and delete', () => {
    it('changes a journey’s status and refuses an unknown status or journey', () => {
      loadDemo();
      const run = perpetua(['--db', db, 'set-status', 'journey_demo_caching', 'running']);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, 'journey_demo_caching: paused → running\n');
      const running = json<JourneyJson[]>(
        perpetua(['--db', db, '--json', 'journeys', '--status', 'running']),
      );
      assert.deepEqual(running.map((j) => j.id).sort(), ['journey_demo_caching', 'journey_demo_sync']);
      assertOneLineError(
        perpetua(['--db', db, 'set-status', 'journey_demo_caching', 'done']),
        2,
        /Unknown status 'done'/,
      );
      assertOneLineError(
        perpetua(['--db', db, 'set-status', 'journey_nope', 'paused']),
        1,
        /journey_nope does not exist/,
      );
      assertOneLineError(
        perpetua(['--db', db, 'set-status', 'journey_demo_caching']),
        2,
        /needs a journey ID and a STATUS/,
      );
    });

    it('deletes a journey with its stages and artifacts and says how many', () => {
      loadDemo();
      const retries = DEMO.journeys[0]!;
      const artifacts = retries.stages.reduce((n, s) => n + s.artifacts.length, 0);
      const run = perpetua(['--db', db, 'delete', retries.id]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(
        run.stdout,
        `Deleted journey ${retries.id} with ${retries.stages.length} stages and ${artifacts} artifacts.\n`,
      );
      assert.deepEqual(counts(db), {
        journeys: DEMO_COUNTS.journeys - 1,
        stages: DEMO_COUNTS.stages - retries.stages.length,
        artifacts: DEMO_COUNTS.artifacts - artifacts,
      });
      const search = json<HitJson[]>(perpetua(['--db', db, '--json', 'search', 'jitter']));
      assert.deepEqual(search, [], 'the deleted journey is gone from search');
    });

    it('deletes a stage or an artifact, and exits 1 for an unknown id', () => {
      loadDemo();
      assert.equal(
        perpetua(['--db', db, 'delete', 'stage_demo_sync_build']).stdout,
        'Deleted stage stage_demo_sync_build with 2 artifacts.\n',
      );
      const artifact = json<{ kind: string; artifacts: number }>(
        perpetua(['--db', db, '--json', 'delete', 'artifact_demo_caching_lru']),
      );
      assert.deepEqual(artifact, {
        kind: 'artifact',
        id: 'artifact_demo_caching_lru',
        stages: 0,
        artifacts: 1,
      });
      assertOneLineError(
        perpetua(['--db', db, 'delete', 'artifact_demo_caching_lru']),
        1,
        /nothing was deleted/,
      );
      assert.equal(counts(db).artifacts, DEMO_COUNTS.artifacts - 3);
    });
  });

  describe('check', () => {
    it('passes a healthy database with exit code 0', () => {
      loadDemo();
      const run = perpetua(['--db', db, 'check']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^OK: /m);
      const report = json<{ ok: boolean; problems: string[] }>(perpetua(['--db', db, 'check', '--json']));
      assert.deepEqual(report.problems, []);
      assert.equal(report.ok, true);
    });

    it('finds a stale full-text index entry (exit 1) and check --repair fixes it', () => {
      loadDemo();
      withRaw(db, (raw) => {
        // Replace one artifact's index entry with words it does not contain, as a buggy trigger would.
        const row = raw
          .prepare(`SELECT seq, title, content FROM artifacts WHERE id = 'artifact_demo_caching_lru'`)
          .get() as { seq: number; title: string; content: string };
        raw
          .prepare(
            `INSERT INTO artifacts_fts(artifacts_fts, rowid, title, content) VALUES ('delete', ?, ?, ?)`,
          )
          .run(row.seq, row.title, row.content);
        raw
          .prepare(`INSERT INTO artifacts_fts(rowid, title, content) VALUES (?, 'stale', 'zebra quagga')`)
          .run(row.seq);
      });
      const broken = perpetua(['--db', db, 'check']);
      assert.equal(broken.status, 1, broken.stdout);
      assert.match(broken.stdout, /problem: Full-text index artifacts_fts does not match its table/);
      assert.match(broken.stdout, /perpetua check --repair/);
      const brokenJson = JSON.parse(perpetua(['--db', db, '--json', 'check']).stdout) as { ok: boolean };
      assert.equal(brokenJson.ok, false);

      const repaired = perpetua(['--db', db, 'check', '--repair']);
      assert.equal(repaired.status, 0, repaired.stdout + repaired.stderr);
      assert.match(repaired.stdout, /Rebuilt the full-text indexes; 1 problem\(s\) before the repair/);
      assert.equal(perpetua(['--db', db, 'check']).status, 0);
      const stale = json<HitJson[]>(perpetua(['--db', db, '--json', 'search', 'quagga']));
      assert.deepEqual(stale, []);
      const found = json<HitJson[]>(perpetua(['--db', db, '--json', 'search', 'OrderedDict']));
      assert.ok(found.some((h) => h.artifactId === 'artifact_demo_caching_lru'));
    });
  });

  describe('migrate', () => {
    it('creates the schema step by step, goes down with --to and back up', () => {
      const fresh = perpetua(['--db', db, 'migrate']);
      assert.equal(fresh.status, 0, fresh.stderr);
      assert.match(fresh.stdout, /Applied migration 1 \(initial_schema\)\.\nApplied migration 2 \(/);
      assert.match(fresh.stdout, /Schema version 0 → 2\./);
      loadDemo();
      const down = json<{ from: number; to: number; steps: { direction: string }[] }>(
        perpetua(['--db', db, '--json', 'migrate', '--to', '1']),
      );
      assert.deepEqual([down.from, down.to, down.steps[0]!.direction], [2, 1, 'down']);
      assert.equal(
        perpetua(['--db', db, 'migrate', '--to', '1']).stdout,
        'Already at schema version 1; nothing to do.\n',
      );
      const up = perpetua(['--db', db, 'migrate']);
      assert.match(up.stdout, /Applied migration 2 .*\nSchema version 1 → 2\./);
      assert.deepEqual(counts(db), DEMO_COUNTS, 'no rows lost going down and up');
      assertOneLineError(
        perpetua(['--db', db, 'migrate', '--to', '3']),
        2,
        /--to must be a whole number from 0 to 2/,
      );
    });

    it('adopts a database made by the old Perpetua and says what it did', () => {
      const seed = new SeedDatabase(db, 'initializeSchema');
      const kept = seed.createJourney('A journey from the desktop app');
      seed.createStage(kept.id, 'solving');
      const gone = seed.createJourney('Deleted without cascade');
      seed.createStage(gone.id, 'chasing');
      seed.deleteJourneyWithoutCascade(gone.id);
      seed.close();

      const run = perpetua(['--db', db, 'migrate']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(
        run.stdout,
        /^Adopted a database made by an older Perpetua \(created by initializeSchema\(\)\):/,
      );
      assert.match(run.stdout, /Removed 1 stage\(s\) and 0 artifact\(s\) left behind/);
      assert.match(run.stdout, /Kept 1 journey, 1 stage and 0 artifacts\./);
      assert.match(run.stdout, /Schema version 0 → 2\./);
      assert.deepEqual(counts(db), { journeys: 1, stages: 1, artifacts: 0 });
    });

    it('notes on stderr when another command upgrades an old database', () => {
      const seed = new SeedDatabase(db, 'runMigrations');
      seed.createJourney('Kept across the upgrade');
      seed.close();
      const run = perpetua(['--db', db, 'journeys']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /^perpetua: adopted a database made by an older Perpetua .*kept 1 journey/);
      assert.match(run.stdout, /Kept across the upgrade/);
    });
  });

  describe('database files', () => {
    it('refuses a database from a newer Perpetua with exit 1 and leaves the file unchanged', () => {
      loadDemo();
      withRaw(db, (raw) => raw.prepare(`INSERT INTO migrations VALUES (99, 'x', 0)`).run());
      const before = fingerprint(db);
      for (const command of [['status'], ['journeys'], ['migrate'], ['demo'], ['check', '--repair']]) {
        assertOneLineError(
          perpetua(['--db', db, ...command]),
          1,
          /written by a newer Perpetua \(schema version 99/,
        );
      }
      assert.equal(fingerprint(db), before);
    });

    it('refuses a file that is not a database with exit 1 and leaves it unchanged', () => {
      const notes = dir.file('notes.txt');
      const text = 'These are my notes, not a database.\n'.repeat(200);
      writeFileSync(notes, text);
      for (const command of [['status'], ['demo'], ['import', '-'], ['migrate']]) {
        assertOneLineError(
          perpetua(['--db', notes, ...command], { input: '{}' }),
          1,
          /not a SQLite database/,
        );
      }
      assert.equal(readFileSync(notes, 'utf8'), text);
      assert.ok(!existsSync(`${notes}-wal`) && !existsSync(`${notes}-journal`));
    });

    it('does not create a database for commands that only read', () => {
      const missing = dir.file('missing.db');
      assertOneLineError(perpetua(['--db', missing, 'journeys']), 1, /No database at .*missing\.db/);
      assertOneLineError(perpetua(['--db', dir.path, 'status']), 1, /is a folder, not a database file/);
      assertOneLineError(
        perpetua(['--db', dir.file('no/such/folder.db'), 'demo']),
        1,
        /folder .* does not exist/,
      );
      assert.ok(!existsSync(missing));
    });

    it('uses $PERPETUA_DB, then ./perpetua.db, and --db over both', () => {
      const fromEnv = dir.file('env.db');
      assert.equal(perpetua(['demo'], { env: { PERPETUA_DB: fromEnv } }).status, 0);
      assert.ok(existsSync(fromEnv));
      assert.equal(
        json<StoreStatus>(perpetua(['status', '--json'], { env: { PERPETUA_DB: fromEnv } })).path,
        fromEnv,
      );

      assert.equal(perpetua(['demo'], { cwd: dir.path }).status, 0);
      assert.ok(existsSync(dir.file('perpetua.db')));

      const flag = dir.file('flag.db');
      assert.equal(perpetua(['--db', flag, 'demo'], { env: { PERPETUA_DB: fromEnv } }).status, 0);
      assert.ok(existsSync(flag));
    });

    it('prints the technical detail only when PERPETUA_DEBUG=1', () => {
      const notes = dir.file('notes.txt');
      writeFileSync(notes, 'not a database');
      const quiet = perpetua(['--db', notes, 'status']);
      assert.equal(quiet.stderr.trimEnd().split('\n').length, 1);
      const debug = perpetua(['--db', notes, 'status'], { env: { PERPETUA_DEBUG: '1' } });
      assert.equal(debug.status, 1);
      assert.ok(debug.stderr.trimEnd().split('\n').length > 1);
      assert.match(debug.stderr, /SQLITE_NOTADB/);
    });
  });

  describe('usage', () => {
    it('exits 2 with one message and a pointer to help for unknown commands and options', () => {
      assertOneLineError(
        perpetua(['--db', db, 'serach', 'x']),
        2,
        /Unknown command 'serach'\. Did you mean 'search'\?/,
      );
      assertOneLineError(
        perpetua(['--db', db, 'frobnicate']),
        2,
        /^perpetua: Unknown command 'frobnicate'\.$/,
      );
      assertOneLineError(
        perpetua(['--db', db, 'journeys', '--verbose']),
        2,
        /Unknown option '--verbose' for 'journeys'/,
      );
      assertOneLineError(perpetua(['--colour', 'status']), 2, /Unknown option '--colour'/);
      assertOneLineError(perpetua(['--db']), 2, /--db needs a database file path/);
      assertOneLineError(perpetua(['--db', db, 'status', 'extra']), 2, /'status' takes no arguments/);
      assert.ok(!existsSync(db), 'usage errors touch no database');
    });

    it('prints help and the version', () => {
      const help = perpetua(['help']);
      assert.equal(help.status, 0);
      for (const command of [
        'status',
        'migrate',
        'journeys',
        'show',
        'search',
        'import',
        'export',
        'set-status',
        'delete',
        'check',
        'demo',
      ]) {
        assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'));
      }
      assert.equal(perpetua(['--help']).stdout, help.stdout);
      assert.equal(perpetua(['-h']).stdout, help.stdout);
      assert.match(
        perpetua(['help', 'search']).stdout,
        /^Usage: perpetua \[--db FILE\] \[--json\] search QUERY/,
      );
      assert.match(perpetua(['search', '--help']).stdout, /--type takes an artifact type/);
      const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };
      const version = perpetua(['--version']);
      assert.equal(version.status, 0);
      assert.equal(version.stdout, `${pkg.version}\n`);
    });
  });
});
