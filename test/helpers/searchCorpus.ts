import type { Store } from '../../src/store';

/** A small corpus whose search results are known: two journeys, three stages, five artifacts of four types. */
export interface SearchCorpus {
  retries: string;
  caching: string;
  solving: string;
  challenging: string;
  cacheStage: string;
  helper: string;
  policy: string;
  curve: string;
  flow: string;
  ideas: string;
}

export const HELPER_TEXT = `export async function retry<T>(call: () => Promise<T>, attempts = 5): Promise<T> {
  // exponential backoff with full jitter
  for (let i = 0; ; i++) {
    try {
      return await call();
    } catch (error) {
      if (i + 1 >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 2 ** i * 100));
    }
  }
}
`;

export function seedSearchCorpus(store: Store): SearchCorpus {
  return store.transaction(() => {
    const retries = store.journeys.create({
      input: 'Make HTTP retries safe\nfor the payments client',
      status: 'complete',
    });
    const caching = store.journeys.create({
      input: 'Cache invalidation for the catalogue',
      status: 'running',
    });
    const solving = store.stages.create({
      journeyId: retries.id,
      type: 'solving',
      status: 'complete',
      prompt: 'Design a retry strategy for idempotent requests',
      result: 'Use exponential backoff with full jitter; cap the attempts at five.',
      thinking: 'Thundering herds happen when every client retries at once.',
    });
    const challenging = store.stages.create({
      journeyId: retries.id,
      type: 'challenging',
      status: 'complete',
      prompt: 'Argue against caching retry decisions',
      result: 'Caching the decision hides recovering servers; do not cache it.',
    });
    const cacheStage = store.stages.create({
      journeyId: caching.id,
      type: 'searching',
      status: 'running',
      prompt: 'How do others invalidate catalogue caches?',
      result: 'Stale while revalidate, with a short TTL and a purge on write.',
    });
    const helper = store.artifacts.create({
      stageId: solving.id,
      type: 'code',
      title: 'Retry helper',
      content: HELPER_TEXT,
      metadata: { language: 'typescript', filename: 'retry.ts' },
    });
    const policy = store.artifacts.create({
      stageId: solving.id,
      type: 'document',
      title: 'Retry policy',
      content: '# Retry policy\n\nRetries use backoff with jitter. Never retry a non-idempotent write.\n',
      metadata: { format: 'markdown' },
    });
    const curve = store.artifacts.create({
      stageId: solving.id,
      type: 'visualization',
      title: 'Backoff curve',
      content:
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><title>backoff delay per attempt</title><polyline points="0,60 40,50 80,30 120,0" fill="none" stroke="black"/></svg>',
      metadata: { format: 'svg' },
    });
    const flow = store.artifacts.create({
      stageId: challenging.id,
      type: 'visualization',
      title: 'Retry decision flow',
      content: 'flowchart LR\n  request --> failed{failed?}\n  failed -->|yes| backoff --> request\n',
      metadata: { format: 'mermaid' },
    });
    const ideas = store.artifacts.create({
      stageId: cacheStage.id,
      type: 'mindmap',
      title: 'Cache ideas',
      content:
        '- catalogue cache\n  - stale while revalidate\n  - purge on write\n  - retry storms after a purge\n',
      metadata: { format: 'markdown' },
    });
    return {
      retries: retries.id,
      caching: caching.id,
      solving: solving.id,
      challenging: challenging.id,
      cacheStage: cacheStage.id,
      helper: helper.id,
      policy: policy.id,
      curve: curve.id,
      flow: flow.id,
      ideas: ideas.id,
    };
  });
}
