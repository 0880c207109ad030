import { describe, expect, it } from 'vitest';
import { splitValidation } from './splitValidation';

const items = Array.from({ length: 13 }, (_, i) => `tile-${i}`);

describe('splitValidation', () => {
  it('13 items, fraction 0.15: 2 held out, 11 train, disjoint, covering all, same seed same split', () => {
    const a = splitValidation(items, { seed: 1 });
    expect(a.validation).toHaveLength(2);
    expect(a.train).toHaveLength(11);
    expect([...a.train, ...a.validation].sort()).toEqual([...items].sort());
    expect(splitValidation(items, { seed: 1 })).toEqual(a);
    // train keeps the input order
    expect(a.train).toEqual(items.filter((x) => !a.validation.includes(x)));
  });

  it('another seed holds out other items (over a few seeds)', () => {
    const splits = new Set([1, 2, 3, 4, 5].map((seed) => splitValidation(items, { seed }).validation.join()));
    expect(splits.size).toBeGreaterThan(1);
  });

  it('3 items (< minItems 4) or fraction 0: nothing held out; 4 items: 1 held out', () => {
    expect(splitValidation(['a', 'b', 'c']).validation).toEqual([]);
    expect(splitValidation(items, { fraction: 0 }).validation).toEqual([]);
    expect(splitValidation(['a', 'b', 'c', 'd']).validation).toHaveLength(1);
  });

  it('rejects a fraction of 1 and minItems 1', () => {
    expect(() => splitValidation(items, { fraction: 1 })).toThrow(/fraction/);
    expect(() => splitValidation(items, { minItems: 1 })).toThrow(/minItems/);
  });
});
