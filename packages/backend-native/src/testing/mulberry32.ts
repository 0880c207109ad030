import { mulberry32 as seededUniform } from '@qfcn/internal';

/**
 * A seeded PRNG (mulberry32) returning floats in [0, 1).
 *
 * When to use: test fixtures that must be identical on every run.
 *
 * Details: 32-bit state; same seed → same sequence.
 *
 * Example: `const rand = mulberry32(7); rand(); // 0.0807...`
 */
export function mulberry32(seed: number): () => number {
  return seededUniform(seed);
}
