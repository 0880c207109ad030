import { describe, expect, it } from 'vitest';
import { mulberry32, permutation } from './rng';

describe('mulberry32', () => {
  // expected values: fixtures/mulberry32_oracle.py (the reference C code transcribed to Python)
  it('seeds 1 and 42: first five uint32 outputs match the oracle', () => {
    const draw = (seed: number) => {
      const next = mulberry32(seed);
      return Array.from({ length: 5 }, () => next() * 4294967296);
    };
    expect(draw(1)).toEqual([2693262067, 11749833, 2265367787, 4213581821, 4159151403]);
    expect(draw(42)).toEqual([2581720956, 1925393290, 3661312704, 2876485805, 750819978]);
  });
  it('permutation(10, 7) is a reproducible permutation', () => {
    const p = permutation(10, 7);
    expect(p).toEqual(permutation(10, 7));
    expect([...p].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(p).not.toEqual(permutation(10, 8));
  });
});
