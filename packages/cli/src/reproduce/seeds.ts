/** Derives an independent 31-bit seed from a base seed and a list of integers (FNV-1a over 32-bit words, then a murmur finaliser). */
export function deriveSeed(base: number, ...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of [base, ...parts]) {
    for (let shift = 0; shift < 32; shift += 8) {
      h ^= (p >>> shift) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x7fffffff;
}
