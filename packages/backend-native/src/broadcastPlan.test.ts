import { describe, expect, it } from 'vitest';
import { broadcastPlan } from './broadcastPlan';

const plan = (a: number[], b: number[]) => {
  const p = broadcastPlan(a, b);
  return { outShape: p.outShape, out: Array.from(p.out), a: Array.from(p.a), b: Array.from(p.b) };
};

describe('broadcastPlan', () => {
  it('NHWC 2x3x4x5 ⊙ [5] → rows of 5', () => {
    expect(plan([2, 3, 4, 5], [5])).toEqual({ outShape: [2, 3, 4, 5], out: [24, 5], a: [24, 5], b: [1, 5] });
  });
  it('equal shapes 2x3 ⊙ 2x3 → one flat dim of 6', () => {
    expect(plan([2, 3], [2, 3])).toEqual({ outShape: [2, 3], out: [6], a: [6], b: [6] });
  });
  it('scalar ⊙ 4x5 → a broadcast over 20', () => {
    expect(plan([], [4, 5])).toEqual({ outShape: [4, 5], out: [20], a: [1], b: [20] });
  });
  it('2x1x3 ⊙ 1x4x1: both broadcast, no merge', () => {
    expect(plan([2, 1, 3], [1, 4, 1])).toEqual({ outShape: [2, 4, 3], out: [2, 4, 3], a: [2, 1, 3], b: [1, 4, 1] });
  });
  it('4x1x1x6 ⊙ 4x5x7x6 (size-1 dims merge with their neighbours by pattern)', () => {
    expect(plan([4, 1, 1, 6], [4, 5, 7, 6])).toEqual({
      outShape: [4, 5, 7, 6],
      out: [4, 35, 6],
      a: [4, 1, 6],
      b: [4, 35, 6],
    });
  });
  it('1x1 ⊙ 1 → a single element', () => {
    expect(plan([1, 1], [1])).toEqual({ outShape: [1, 1], out: [1], a: [1], b: [1] });
  });
  it('3x4 ⊙ 5 does not broadcast (tfjs error)', () => {
    expect(() => broadcastPlan([3, 4], [5])).toThrow(/broadcast/);
  });
});
