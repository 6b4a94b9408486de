import type { ArtifactDto, JourneyDto, StageDto } from '../src/protocol';

// Synthetic but realistic content for the webview benchmark: a 1 MB design document and a long journey.

const WORDS =
  'cache replica checkpoint latency journal retry backoff jitter budget cohort funnel vector clock merge conflict shard index query planner window throughput snapshot compaction tombstone epoch lease quorum'.split(
    ' ',
  );

function sentence(seed: number, words = 18): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]!);
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** About `bytes` of Markdown: sections with paragraphs, lists, task lists, tables and code fences. */
export function bigMarkdown(bytes: number): string {
  const parts: string[] = ['# Storage engine design review\n'];
  let size = parts[0]!.length;
  let n = 0;
  while (size < bytes) {
    n++;
    const section = [
      `## ${n}. ${sentence(n, 4).slice(0, -1)}\n`,
      `${sentence(n)} ${sentence(n + 1)} **${WORDS[n % WORDS.length]}** and \`${WORDS[(n + 3) % WORDS.length]}()\` ${sentence(n + 2)}\n`,
      `- ${sentence(n + 3, 8)}\n- ${sentence(n + 4, 8)}\n  - ${sentence(n + 5, 6)}\n`,
      `- [x] ${sentence(n + 6, 5)}\n- [ ] ${sentence(n + 7, 5)}\n`,
      `| Setting | Value | Effect |\n|---|---:|---|\n| wal_autocheckpoint | ${n * 10} | ${sentence(n, 5)} |\n| cache_size | ${n * 64} | ${sentence(n + 1, 5)} |\n`,
      n % 3 === 0
        ? '```ts\nexport function backoff(attempt: number): number {\n  return Math.random() * Math.min(20_000, 250 * 2 ** attempt);\n}\n```\n'
        : '',
      `> ${sentence(n + 8, 12)}\n`,
    ].join('\n');
    parts.push(section);
    size += section.length;
  }
  return parts.join('\n');
}

const TYPES = ['document', 'code', 'visualization', 'mindmap', 'other'] as const;

function artifactContent(
  type: (typeof TYPES)[number],
  i: number,
): { content: string; metadata: Record<string, unknown> } {
  switch (type) {
    case 'document':
      return {
        content: `# Note ${i}\n\n${sentence(i)}\n\n- ${sentence(i + 1, 6)}\n- ${sentence(i + 2, 6)}\n`,
        metadata: { format: 'markdown' },
      };
    case 'code':
      return {
        content: `export function f${i}(x: number): number {\n  // ${sentence(i, 6)}\n  return x * ${i};\n}\n`,
        metadata: { language: 'typescript' },
      };
    case 'visualization':
      return {
        content: `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="${40 + (i % 150)}" height="20" fill="#2b7bb9"/><text x="4" y="45">${i}</text></svg>`,
        metadata: { format: 'svg' },
      };
    case 'mindmap':
      return {
        content: `# Idea ${i}\n- ${sentence(i, 3)}\n  - ${sentence(i + 1, 3)}\n- ${sentence(i + 2, 3)}\n`,
        metadata: { format: 'markdown' },
      };
    case 'other':
      return {
        content: JSON.stringify({ id: i, status: 'ok', values: [i, i * 2, i * 3] }),
        metadata: { format: 'json' },
      };
  }
}

/** A journey of `stages` stages with `perStage` artifacts each, and the artifacts' content by id. */
export function bigJourney(
  stages: number,
  perStage: number,
): { journey: JourneyDto; artifacts: Record<string, ArtifactDto> } {
  const artifacts: Record<string, ArtifactDto> = {};
  const t0 = Date.UTC(2025, 2, 1);
  const list: StageDto[] = [];
  for (let s = 0; s < stages; s++) {
    const stage: StageDto = {
      id: `stage_${s}`,
      type: ['discovering', 'chasing', 'solving', 'challenging'][s % 4]!,
      status: s === stages - 1 ? 'running' : 'complete',
      prompt: `${sentence(s, 20)} ${sentence(s + 1, 10)}`,
      result: `${sentence(s + 2, 30)}\n\n- ${sentence(s + 3, 8)}\n- ${sentence(s + 4, 8)}`,
      thinking: `${sentence(s + 5, 40)}`,
      createdAt: t0 + s * 60_000,
      updatedAt: t0 + s * 60_000 + 30_000,
      artifacts: [],
    };
    for (let a = 0; a < perStage; a++) {
      const i = s * perStage + a;
      const type = TYPES[i % TYPES.length]!;
      const { content, metadata } = artifactContent(type, i);
      const dto: ArtifactDto = {
        id: `artifact_${i}`,
        type,
        title: `${type} ${i}: ${sentence(i, 4).slice(0, -1)}`,
        content,
        metadata,
        createdAt: stage.createdAt,
        updatedAt: stage.createdAt,
      };
      artifacts[dto.id] = dto;
      stage.artifacts.push({
        id: dto.id,
        type,
        title: dto.title,
        metadata,
        contentBytes: content.length,
        createdAt: dto.createdAt,
        updatedAt: dto.updatedAt,
      });
    }
    list.push(stage);
  }
  const journey: JourneyDto = {
    id: 'journey_bench',
    input: 'How should the storage engine checkpoint under a long-lived reader?',
    status: 'running',
    settings: {
      stageTypes: ['discovering', 'chasing', 'solving', 'challenging'],
      maxStages: stages,
      autoAdvance: true,
      model: 'bench',
    },
    createdAt: t0,
    updatedAt: t0 + stages * 60_000,
    stages: list,
  };
  return { journey, artifacts };
}
