// What each side of the comparison must do; the workload drives both through this, so they do the same work.
import type { GeneratedJourney } from './corpus';

export type SideName = 'store' | 'raw';

export interface Side {
  /** Writes the journeys with their stages and artifacts in one transaction. */
  insertBatch(journeys: readonly GeneratedJourney[]): void;
  /** Ranked artifact search with snippets; returns the artifact ids, best first. */
  searchArtifacts(text: string, limit: number): string[];
  /** The first page of 50 journey summaries (with stage and artifact counts), newest first. */
  journeyPage(): number;
  /** Prepares a cursor `pages` pages deep and returns a function that reads the page after it. */
  deepJourneyPage(pages: number): () => number;
  getWithStages(journeyId: string): number;
  stageSummaries(journeyId: string): number;
  artifactSummaries(stageId: string): number;
  deleteJourney(journeyId: string): void;
  /** Checkpoints the WAL into the file and closes (so the file size is the whole database). */
  close(): void;
  reopen(): void;
}
