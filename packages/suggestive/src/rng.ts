/**
 * Seeded randomness for the active-learning loop (internal).
 *
 * mulberry32: a 32-bit state generator, small and fast, good enough for sampling image ids; every
 * random choice of this package goes through it so runs are reproducible from one integer seed.
 */

import { deriveSeed, mulberry32, type Rng } from '@qfcn/internal';

// deriveSeed (seed, round, purpose tag → a 31-bit seed) is qfcn's one seed derivation, shared by every package
export { deriveSeed, mulberry32, type Rng };

/**
 * `count` distinct elements of `items`, drawn uniformly without replacement (partial Fisher–Yates on a
 * copy), in draw order.
 */
export function sampleWithoutReplacement<T>(items: readonly T[], count: number, rng: Rng): T[] {
  const copy = items.slice();
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (copy.length - i));
    const tmp = copy[i]!;
    copy[i] = copy[j]!;
    copy[j] = tmp;
  }
  return copy.slice(0, n);
}
