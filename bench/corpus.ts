// The synthetic corpus: English-like text with Zipf word frequencies, grouped into journeys, stages and
// artifacts. Deterministic for a seed, and generated journey by journey so it never sits in memory whole.
import {
  STAGE_TYPES,
  type ArtifactType,
  type JourneyStatus,
  type StageStatus,
  type StageType,
} from '../src/store/index';
import { Random, ZipfSampler } from './random';

export const SEED = 20260526;
export const VOCABULARY_SIZE = 40_000;
export const ZIPF_EXPONENT = 1.0;
export const MIN_WORDS = 200;
export const MAX_WORDS = 4000;
/** Log-uniform between MIN_WORDS and MAX_WORDS: the mean is (max - min) / ln(max / min). */
export const MEAN_WORDS = (MAX_WORDS - MIN_WORDS) / Math.log(MAX_WORDS / MIN_WORDS);
/** One word position in this many starts a two-word phrase instead (so phrase queries have something to find). */
export const PHRASE_EVERY = 2000;

// The head of the distribution is real English, so the most frequent words are the ones people type.
const COMMON_WORDS =
  `the of and to a in is that for it as was with be by on not he this are or his from at which
but have an they you were her she there been one all we their has would when if so no will can more out up
said about other into what some could them time only new these two may first then do any like my now over
such our man me even most made after also did many before must through back years where much your way well
down should because each just those people how too little state good very make world still see own men work
long here get both between life being under never day same another know while last might us great old year
off come since against go came right used take three`.split(/\s+/);

const SYLLABLE_ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'br',
  'cl',
  'dr',
  'fr',
  'gr',
  'pl',
  'pr',
  'sh',
  'st',
  'th',
  'tr',
  'ch',
  'sp',
  'qu',
];
const SYLLABLE_VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const SYLLABLE_CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ck', 'x'];

/** Two-word collocations, themselves Zipf-distributed, emitted now and then inside the text. */
export const PHRASES = `neural network|climate model|supply chain|protein folding|gradient descent|dark matter
|quantum error|graph database|solar panel|battery chemistry|memory allocator|query planner|river delta
|coral reef|vector index|language model|heat pump|gene expression|market maker|fault tolerance|search engine
|crop yield|sea level|tax policy|ocean current|code review|type system|garbage collector|cache line
|carbon capture|wind turbine|immune response|trade route|urban heat|soil moisture|load balancer
|stellar wind|plate tectonics|rate limiter|consensus protocol`
  .split('|')
  .map((p) => p.trim());

function buildVocabulary(random: Random): string[] {
  const words = new Set(COMMON_WORDS);
  for (const phrase of PHRASES) for (const w of phrase.split(' ')) words.delete(w);
  while (words.size < VOCABULARY_SIZE) {
    let word = '';
    const roll = random.float();
    const syllables = roll < 0.2 ? 1 : roll < 0.75 ? 2 : 3;
    for (let i = 0; i < syllables; i++) word += random.pick(SYLLABLE_ONSETS) + random.pick(SYLLABLE_VOWELS);
    if (syllables === 1 || random.float() < 0.5) word += random.pick(SYLLABLE_CODAS);
    if (!PHRASES.some((p) => p.split(' ').includes(word))) words.add(word);
  }
  return [...words];
}

export interface GeneratedArtifact {
  id: string;
  type: ArtifactType;
  title: string;
  content: string;
  metadata: Record<string, unknown>;
  createdAt: number;
}

export interface GeneratedStage {
  id: string;
  type: StageType;
  status: StageStatus;
  prompt: string;
  result: string;
  thinking?: string;
  createdAt: number;
  artifacts: GeneratedArtifact[];
}

export interface GeneratedJourney {
  id: string;
  input: string;
  status: JourneyStatus;
  /** Complete settings, as the store writes them (defaults merged in), so both sides store the same text. */
  settings: { stageTypes: StageType[]; maxStages: number; autoAdvance: boolean; model: string };
  createdAt: number;
  stages: GeneratedStage[];
}

/** Weighted: documents are the most common artifacts, as in real journeys. */
const ARTIFACT_TYPES: readonly ArtifactType[] = [
  'document',
  'document',
  'document',
  'code',
  'visualization',
  'mindmap',
  'other',
];
const JOURNEY_STATUSES: readonly JourneyStatus[] = [
  'complete',
  'complete',
  'complete',
  'complete',
  'stopped',
  'paused',
  'running',
  'error',
];
const START_TIME = Date.UTC(2025, 0, 1);
const JOURNEY_SPACING_MS = 10 * 60 * 1000;

/** The deterministic corpus: the vocabulary and its frequencies, and a generator of journeys. */
export class Corpus {
  readonly vocabulary: string[];
  readonly words: ZipfSampler;
  readonly phrases: ZipfSampler;
  private readonly random: Random;

  constructor(seed: number = SEED) {
    const random = new Random(seed);
    this.vocabulary = buildVocabulary(random);
    this.words = new ZipfSampler(this.vocabulary.length, ZIPF_EXPONENT);
    this.phrases = new ZipfSampler(PHRASES.length, ZIPF_EXPONENT);
    this.random = new Random(seed + 1);
  }

  /** Sentences of 6–24 words, a paragraph break every few sentences. */
  text(wordCount: number): string {
    const r = this.random;
    const parts: string[] = [];
    let sentenceLeft = 0;
    let sentences = 0;
    for (let written = 0; written < wordCount; written++) {
      let word: string;
      if (r.float() * PHRASE_EVERY < 1) {
        word = PHRASES[this.phrases.draw(r)]!;
        written++;
      } else word = this.vocabulary[this.words.draw(r)]!;
      if (sentenceLeft === 0) {
        sentenceLeft = r.int(6, 24);
        word = word[0]!.toUpperCase() + word.slice(1);
      }
      sentenceLeft--;
      if (sentenceLeft === 0 || written >= wordCount - 1) {
        word += '.';
        sentences++;
        word += sentences % 5 === 0 ? '\n\n' : '';
      } else if (r.float() < 0.06) word += ',';
      parts.push(word);
    }
    return parts.join(' ').replace(/\n\n /g, '\n\n');
  }

  title(): string {
    const r = this.random;
    const count = r.int(3, 8);
    const words: string[] = [];
    for (let i = 0; i < count; i++) {
      const w = this.vocabulary[this.words.draw(r)]!;
      words.push(w[0]!.toUpperCase() + w.slice(1));
    }
    return words.join(' ');
  }

  /** Log-uniform in [MIN_WORDS, MAX_WORDS]. */
  artifactWords(): number {
    return Math.round(MIN_WORDS * Math.pow(MAX_WORDS / MIN_WORDS, this.random.float()));
  }

  /**
   * Journeys until `artifactCount` artifacts: 2–8 stages of 1–3 artifacts each (about 10 a journey, so
   * 100 000 artifacts make the 10 000 journeys the tree figures need).
   */
  *journeys(artifactCount: number): Generator<GeneratedJourney> {
    const r = this.random;
    let made = 0;
    for (let j = 0; made < artifactCount; j++) {
      const createdAt = START_TIME + j * JOURNEY_SPACING_MS;
      const journey: GeneratedJourney = {
        id: `journey_bench${j.toString().padStart(7, '0')}`,
        input: this.text(r.int(8, 20)),
        status: r.pick(JOURNEY_STATUSES),
        settings: { stageTypes: [...STAGE_TYPES], maxStages: 8, autoAdvance: true, model: 'bench-model' },
        createdAt,
        stages: [],
      };
      const stageCount = r.int(2, 8);
      for (let s = 0; s < stageCount && made < artifactCount; s++) {
        const stageCreated = createdAt + (s + 1) * 60_000;
        const stage: GeneratedStage = {
          id: `${journey.id}_s${s}`.replace('journey_', 'stage_'),
          type: STAGE_TYPES[s % STAGE_TYPES.length]!,
          status: 'complete',
          prompt: this.text(r.int(10, 40)),
          result: this.text(r.int(50, 300)),
          createdAt: stageCreated,
          artifacts: [],
        };
        if (r.float() < 0.5) stage.thinking = this.text(r.int(30, 150));
        const artifacts = r.int(1, 3);
        for (let a = 0; a < artifacts && made < artifactCount; a++, made++) {
          stage.artifacts.push({
            id: `${stage.id}_a${a}`.replace('stage_', 'artifact_'),
            type: r.pick(ARTIFACT_TYPES),
            title: this.title(),
            content: this.text(this.artifactWords()),
            metadata: { source: 'bench', index: made },
            createdAt: stageCreated + (a + 1) * 1000,
          });
        }
        journey.stages.push(stage);
      }
      yield journey;
    }
  }
}
