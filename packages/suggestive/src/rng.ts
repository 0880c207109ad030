/**
 * Seeded randomness for the active-learning loop (internal).
 *
 * mulberry32: a 32-bit state generator, small and fast, good enough for sampling image ids; every
 * random choice of this package goes through it so runs are reproducible from one integer seed.
 */

/** A function returning uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32 generator seeded with a 32-bit integer (any integer is reduced modulo 2^32). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed derived from a base seed and a path of integers (round number, purpose tag).
 * Derived streams are independent of each other and of the strategy, so two strategies run with the
 * same seed draw the same initial set and train round r with the same trainer seed.
 */
export function deriveSeed(seed: number, ...path: number[]): number {
  let h = (seed >>> 0) ^ 0x9e3779b9;
  for (const part of path) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  // Final avalanche (murmur3 fmix32).
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * `count` distinct elements of `items`, drawn uniformly without replacement (partial Fisher–Yates on a
 * copy), in draw order.
 */
export function sampleWithoutReplacement<T>(items: readonly T[], count: number, rng: Rng): T[] {
  const copy = items.slice();
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (copy.length - i));
    const tmp = copy[i];
    copy[i] = copy[j];
    copy[j] = tmp;
  }
  return copy.slice(0, n);
}
