/** A function returning uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * A small seeded PRNG (mulberry32): returns a function giving floats uniform in [0, 1).
 *
 * When to use: every random choice of a qfcn package, so that runs are reproducible from a seed.
 *
 * Details: 32-bit state, period 2^32; the seed is taken modulo 2^32 (negative and fractional seeds
 * included, as `seed >>> 0`). Not cryptographic.
 *
 * @example
 * const rand = mulberry32(42);
 * rand(); // 0.6011037519201636, the same on every run
 */
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
