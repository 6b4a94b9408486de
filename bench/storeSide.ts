// The store's side of the comparison: the public API, used the way the extension uses it.
import { openStore, type Store } from '../src/store/index';
import type { GeneratedJourney } from './corpus';
import type { Side } from './side';

export class StoreSide implements Side {
  store: Store;

  constructor(private readonly path: string) {
    this.store = openStore(path);
  }

  insertBatch(journeys: readonly GeneratedJourney[]): void {
    const store = this.store;
    store.transaction(() => {
      for (const j of journeys) {
        store.journeys.create({
          id: j.id,
          input: j.input,
          status: j.status,
          settings: j.settings,
          createdAt: j.createdAt,
        });
        for (const s of j.stages) {
          const stage = {
            id: s.id,
            journeyId: j.id,
            type: s.type,
            status: s.status,
            prompt: s.prompt,
            result: s.result,
            createdAt: s.createdAt,
          };
          store.stages.create(s.thinking === undefined ? stage : { ...stage, thinking: s.thinking });
          for (const a of s.artifacts) store.artifacts.create({ ...a, stageId: s.id });
        }
      }
    });
  }

  searchArtifacts(text: string, limit: number): string[] {
    return this.store
      .search(text, { kinds: ['artifact'], limit })
      .hits.map((h) => (h.kind === 'artifact' ? h.artifactId : h.stageId));
  }

  journeyPage(): number {
    return this.store.journeys.findAll({ limit: 50 }).items.length;
  }

  deepJourneyPage(pages: number): () => number {
    let after: string | undefined;
    for (let i = 0; i < pages; i++) {
      after = this.store.journeys.findAll(
        after === undefined ? { limit: 50 } : { limit: 50, after },
      ).nextCursor;
    }
    const cursor = after;
    return () =>
      this.store.journeys.findAll(cursor === undefined ? { limit: 50 } : { limit: 50, after: cursor }).items
        .length;
  }

  getWithStages(journeyId: string): number {
    return this.store.journeys.getWithStages(journeyId)?.stages.length ?? 0;
  }

  stageSummaries(journeyId: string): number {
    return this.store.stages.listSummaries(journeyId).length;
  }

  artifactSummaries(stageId: string): number {
    return this.store.artifacts.listSummaries(stageId).length;
  }

  deleteJourney(journeyId: string): void {
    this.store.journeys.delete(journeyId);
  }

  close(): void {
    this.store.close();
  }

  reopen(): void {
    this.store = openStore(this.path);
  }
}
