/**
 * Seeded randomness for the active-learning loop (internal).
 *
 * mulberry32: a 32-bit state generator, small and fast, good enough for sampling image ids; every
 * random choice of this package goes through it so runs are reproducible from one integer seed.
 */

import { mulberry32, type Rng } from '@qfcn/internal';

export { mulberry32, type Rng };

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
