/**
 * A well-mixed 32-bit value from integers (a splitmix32-style finaliser over each 32-bit word, the
 * high half of values beyond 32 bits mixed in as well). The one seed derivation of qfcn: every
 * layer, epoch, crop, ensemble member, suggestion round and experiment cell gets its own seed from
 * one user seed this way, so that a random choice depends only on *where* it happens, never on how
 * many came before.
 *
 * @example
 * hashInts(7, 0, 1); // 4198984769 on every platform
 */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    h = Math.imul(h ^ Math.floor(v / 4294967296), 0x27d4eb2f);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/**
 * A non-negative 31-bit seed derived from `seed` and a path of integers (what a `seed` option takes):
 * `hashInts(seed, ...path)` without its top bit.
 *
 * @example
 * deriveSeed(7, 0, 1); // 2051501121
 */
export function deriveSeed(seed: number, ...path: number[]): number {
  return hashInts(seed, ...path) & 0x7fffffff;
}
