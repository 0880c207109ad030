import { describe, expect, it } from 'vitest';
import { mulberry32, sampleWithoutReplacement } from './rng';

describe('mulberry32', () => {
  it('mulberry32 seed 1 first three draws (reference values of the published algorithm)', () => {
    const rng = mulberry32(1);
    // Reference: the widely used JS mulberry32 (t += 0x6D2B79F5 ...) seeded with 1.
    expect(rng()).toBeCloseTo(0.6270739405881613, 15);
    expect(rng()).toBeCloseTo(0.002735721180215478, 15);
    expect(rng()).toBeCloseTo(0.5274470399599522, 15);
  });

  it('mulberry32 10,000 draws lie in [0, 1) with mean near 0.5', () => {
    const rng = mulberry32(42);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = rng();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.02);
  });
});

describe('sampleWithoutReplacement', () => {
  it('sampleWithoutReplacement 3 of 10: distinct members, reproducible for a seed', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const first = sampleWithoutReplacement(items, 3, mulberry32(5));
    expect(first).toHaveLength(3);
    expect(new Set(first).size).toBe(3);
    for (const x of first) expect(items).toContain(x);
    expect(sampleWithoutReplacement(items, 3, mulberry32(5))).toEqual(first);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
  });

  it('sampleWithoutReplacement more than available returns a permutation of all', () => {
    const all = sampleWithoutReplacement([1, 2, 3], 5, mulberry32(1));
    expect(all.slice().sort()).toEqual([1, 2, 3]);
  });
});
