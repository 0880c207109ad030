import { createRng } from '@qfcn/data';
import { describe, expect, it } from 'vitest';
import { bootstrapSample } from './bootstrapSample';

describe('bootstrapSample', () => {
  it('5 items, seed 3: same length, drawn with createRng(3).int(5), reproducible', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const rng = createRng(3);
    const expected = Array.from({ length: 5 }, () => items[rng.int(5)]);
    expect(bootstrapSample(items, { seed: 3 })).toEqual(expected);
    expect(bootstrapSample(items, { seed: 3 })).toEqual(bootstrapSample(items, { seed: 3 }));
  });

  it('10000 items: about 1 - 1/e = 63.2 % distinct', () => {
    const items = Array.from({ length: 10000 }, (_, i) => i);
    const distinct = new Set(bootstrapSample(items, { seed: 1 })).size / items.length;
    expect(distinct).toBeGreaterThan(0.62);
    expect(distinct).toBeLessThan(0.645);
  });

  it('empty input → InvalidArgumentError', () => {
    expect(() => bootstrapSample([])).toThrowError(/cannot resample an empty set/);
  });
});
