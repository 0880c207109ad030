/**
 * Derives a well-mixed 32-bit value from integers (a splitmix32-style finaliser over each word).
 * Used to give every layer, epoch, crop and ensemble member its own seed from one user seed, so
 * that a random choice depends only on *where* it happens, never on how many came before.
 */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // mix the high half of values beyond 32 bits as well
    h = Math.imul(h ^ Math.floor(v / 4294967296), 0x27d4eb2f);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** A seed for tfjs initialisers: a positive 31-bit integer (tfjs treats a seed of 0 as "unseeded"). */
export function initializerSeed(...values: number[]): number {
  return (hashInts(...values) % 2147483646) + 1;
}
