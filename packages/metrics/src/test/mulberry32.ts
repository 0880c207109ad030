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
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
