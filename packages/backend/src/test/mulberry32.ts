import { mulberry32 as seededUniform } from '@qfcn/internal';

/**
 * A seeded 32-bit PRNG (mulberry32): returns a function giving uniform numbers in [0, 1).
 *
 * When to use: fixtures and tiny models in tests that must be identical on every backend, in every
 * worker thread and in every run.
 *
 * @example
 * const rand = mulberry32(42);
 * rand(); // 0.6011037519201636, always
 */
export function mulberry32(seed: number): () => number {
  return seededUniform(seed);
}

/**
 * `count` seeded standard-normal float32 values (Box–Muller over {@link mulberry32}), scaled by
 * `scale`.
 *
 * @example
 * seededNormal(4, 7, 0.1) // Float32Array(4), the same for seed 7 everywhere
 */
export function seededNormal(count: number, seed: number, scale = 1): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u = 1 - rand();
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u)) * scale;
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}
