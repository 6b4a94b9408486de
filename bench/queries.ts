// The search queries, chosen from the corpus's own statistics so "selective" and "broad" mean what they say
// at any size: selective ones match well under 1 % of artifacts, broad ones over 20 %.
import { Corpus, MAX_WORDS, MIN_WORDS, PHRASES } from './corpus';

export type QueryClass = 'selective' | 'broad';

export interface BenchQuery {
  name: string;
  class: QueryClass;
  /** What a person types (the store's query syntax). */
  text: string;
}

const LENGTH_QUANTILES = Array.from(
  { length: 64 },
  (_, i) => MIN_WORDS * Math.pow(MAX_WORDS / MIN_WORDS, (i + 0.5) / 64),
);

/** Expected share of artifacts containing an event that happens with probability p at each word. */
function documentFrequency(p: number): number {
  let sum = 0;
  for (const length of LENGTH_QUANTILES) sum += 1 - Math.pow(1 - p, length);
  return sum / LENGTH_QUANTILES.length;
}

function closestRank(corpus: Corpus, target: number, from: number): number {
  let best = from;
  for (let r = from; r < corpus.vocabulary.length; r++) {
    const here = Math.abs(documentFrequency(corpus.words.probabilities[r]!) - target);
    const there = Math.abs(documentFrequency(corpus.words.probabilities[best]!) - target);
    if (here < there) best = r;
  }
  return best;
}

/** A four-letter prefix shared only by rare words, together matching about `target` of artifacts. */
function rarePrefix(corpus: Corpus, target: number): string {
  const HEAD = 1000;
  const groups = new Map<string, { p: number; words: number; minRank: number }>();
  corpus.vocabulary.forEach((word, rank) => {
    if (word.length < 6) return;
    const prefix = word.slice(0, 4);
    const g = groups.get(prefix) ?? { p: 0, words: 0, minRank: rank };
    g.p += corpus.words.probabilities[rank]!;
    g.words += 1;
    g.minRank = Math.min(g.minRank, rank);
    groups.set(prefix, g);
  });
  // Words shorter than 6 letters can share the prefix too; they count against it.
  corpus.vocabulary.forEach((word, rank) => {
    const g = word.length < 6 ? groups.get(word.slice(0, 4)) : undefined;
    if (g) {
      g.p += corpus.words.probabilities[rank]!;
      g.minRank = Math.min(g.minRank, rank);
    }
  });
  let best = '';
  let bestDistance = Infinity;
  for (const [prefix, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    if (g.minRank < HEAD || g.words < 3) continue;
    const distance = Math.abs(documentFrequency(g.p) - target);
    if (distance < bestDistance) [best, bestDistance] = [prefix, distance];
  }
  return best;
}

function phraseNear(corpus: Corpus, target: number, phraseEvery: number): string {
  let best = 0;
  const df = (k: number) => documentFrequency(corpus.phrases.probabilities[k]! / phraseEvery);
  for (let k = 0; k < PHRASES.length; k++)
    if (Math.abs(df(k) - target) < Math.abs(df(best) - target)) best = k;
  return PHRASES[best]!;
}

export function chooseQueries(corpus: Corpus, phraseEvery: number): BenchQuery[] {
  const v = corpus.vocabulary;
  const rare = v[closestRank(corpus, 0.003, 1000)]!;
  const pairRank = closestRank(corpus, 0.05, 200);
  return [
    { name: 'rare word', class: 'selective', text: rare },
    { name: 'two words', class: 'selective', text: `${v[pairRank]!} ${v[pairRank + 1]!}` },
    { name: 'phrase', class: 'selective', text: `"${phraseNear(corpus, 0.004, phraseEvery)}"` },
    { name: 'rare prefix', class: 'selective', text: `${rarePrefix(corpus, 0.005)}*` },
    { name: 'top word', class: 'broad', text: 'the' },
    { name: 'two broad words', class: 'broad', text: 'time people' },
    { name: 'broad prefix', class: 'broad', text: 'wor*' },
  ];
}
