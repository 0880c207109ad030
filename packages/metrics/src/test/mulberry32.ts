import { mulberry32 as seededUniform } from '@qfcn/internal';

/**
 * mulberry32: a tiny seeded PRNG (32-bit state) returning floats in [0, 1). Same seed, same stream,
 * on every platform.
 *
 * **When to use**: reproducible random test data (every random choice in qfcn takes a seed).
 *
 * @example
 * const rand = mulberry32(42);
 * rand(); // the same first value on every run
 */
export function mulberry32(seed: number): () => number {
  return seededUniform(seed);
}
