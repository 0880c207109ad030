import { describe, expect, it } from 'vitest';
import { deriveSeed, hashInts } from './hashInts';

// Reference values: packages/internal/scripts/hash_ints_oracle.py (explicit 32-bit arithmetic in Python).
const ORACLE: [number[], number][] = [
  [[], 2654435769],
  [[0], 2746606380],
  [[1], 1758743162],
  [[7, 0, 1], 4198984769],
  [[7, 1, 1], 3950596788],
  [[1, 0, 0x1417], 3930313957],
  [[2 ** 32 + 5], 1523877581],
  [[-1], 2321267245],
  [[123456789, 42], 688844953],
];

describe('hashInts', () => {
  it.each(ORACLE)('hashInts(%j) = %i (Python oracle)', (values, expected) => {
    expect(hashInts(...values)).toBe(expected);
  });

  it('values beyond 32 bits differ from their low word: 2^32 + 5 vs 5', () => {
    expect(hashInts(2 ** 32 + 5)).not.toBe(hashInts(5));
  });
});

describe('deriveSeed', () => {
  it.each(ORACLE)('deriveSeed(%j) is hashInts without its top bit', (values, expected) => {
    const [seed = 0, ...path] = values.length > 0 ? values : [0];
    expect(deriveSeed(seed, ...path)).toBe((values.length > 0 ? expected : 2746606380) & 0x7fffffff);
  });

  it('deriveSeed(7, 0, 1) = 2051501121, and paths give distinct seeds', () => {
    expect(deriveSeed(7, 0, 1)).toBe(2051501121);
    const seeds = new Set([
      deriveSeed(7, 0, 1),
      deriveSeed(7, 1, 1),
      deriveSeed(7, 0, 2),
      deriveSeed(8, 0, 1),
      deriveSeed(7),
    ]);
    expect(seeds.size).toBe(5);
  });
});
