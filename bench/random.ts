// A small seeded PRNG, so every run (and both sides of a run) sees exactly the same corpus.

/** mulberry32: 32 bits of state, fast, and plenty for synthetic text. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks `count` distinct indexes below `n`, in the order drawn. */
  sample(n: number, count: number): number[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(n, count)) chosen.add(Math.floor(this.next() * n));
    return [...chosen];
  }
}

/**
 * Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s, in O(1) a draw (Vose's alias method),
 * because the corpus draws about 130 million words.
 */
export class ZipfSampler {
  readonly probabilities: Float64Array;
  private readonly alias: Int32Array;
  private readonly threshold: Float64Array;

  constructor(
    readonly n: number,
    exponent: number,
  ) {
    const weights = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) total += weights[r] = 1 / Math.pow(r + 1, exponent);
    this.probabilities = weights.map((w) => w / total);
    this.alias = new Int32Array(n);
    this.threshold = new Float64Array(n);
    const scaled = this.probabilities.map((p) => p * n);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.threshold[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) this.threshold[i] = 1;
  }

  draw(random: Random): number {
    const x = random.float() * this.n;
    const i = Math.floor(x);
    return x - i < this.threshold[i]! ? i : this.alias[i]!;
  }
}
