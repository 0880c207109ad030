import { mulberry32 as seededUniform } from '@qfcn/internal';

/**
 * A small seeded PRNG (mulberry32): returns a function giving floats uniform in [0, 1).
 *
 * **When to use**: every random choice of this package (INQ's random partition, test fixtures)
 * so that runs are reproducible from a seed.
 *
 * **Details**: 32-bit state, period 2^32; the seed is taken modulo 2^32. Not cryptographic.
 *
 * @example
 * const rand = mulberry32(42);
 * rand();  // 0.6011037519201636, the same on every run
 */
export function mulberry32(seed: number): () => number {
  return seededUniform(seed);
}
