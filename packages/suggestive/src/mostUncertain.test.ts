import { describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { mostUncertain } from './mostUncertain';

describe('mostUncertain', () => {
  it('mostUncertain 4 scores, count 3: ties (images 1 and 3 at 0.3) → lower index first', () => {
    expect(mostUncertain([0.1, 0.3, 0.2, 0.3], { count: 3 })).toEqual([1, 3, 2]);
  });

  it('mostUncertain without count ranks the whole pool; count larger than the pool → whole pool', () => {
    expect(mostUncertain(new Float64Array([0.5, 0, 0.25]))).toEqual([0, 2, 1]);
    expect(mostUncertain([0.5, 0, 0.25], { count: 10 })).toEqual([0, 2, 1]);
    expect(mostUncertain([], { count: 2 })).toEqual([]);
  });

  it('mostUncertain all equal → index order', () => {
    expect(mostUncertain([0.2, 0.2, 0.2, 0.2], { count: 2 })).toEqual([0, 1]);
  });

  it('mostUncertain bad input: NaN score, negative or fractional count', () => {
    for (const [u, count] of [
      [[0.1, NaN], 1],
      [[0.1], -1],
      [[0.1], 0.5],
    ] as [number[], number][]) {
      try {
        mostUncertain(u, { count });
        expect.unreachable();
      } catch (e) {
        expect(QfcnError.isInstance(e)).toBe(true);
      }
    }
  });
});
