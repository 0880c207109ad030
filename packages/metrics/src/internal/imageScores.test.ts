import { describe, expect, it } from 'vitest';
import { labelMapFromRows as rows } from '../test/rows';
import {
  combineHalves,
  detectionCounts,
  diceSums,
  hausdorffSums,
  prepare,
  resolveEmptyDistance,
  resolveFnRule,
  scoresFromCounts,
} from './imageScores';

describe('imageScores internals', () => {
  it('combineHalves: mean of halves; an empty side takes the other half; both empty -> bothEmpty', () => {
    expect(combineHalves({ sumS: 3, areaS: 6, sumG: 2, areaG: 8 }, 1)).toBe((0.5 + 0.25) / 2);
    expect(combineHalves({ sumS: 0, areaS: 0, sumG: 16, areaG: 8 }, 0)).toBe(2);
    expect(combineHalves({ sumS: 12, areaS: 4, sumG: 0, areaG: 0 }, 0)).toBe(3);
    expect(combineHalves({ sumS: 0, areaS: 0, sumG: 0, areaG: 0 }, 1)).toBe(1);
  });

  it('scoresFromCounts: zero denominators give 0, nothing at all gives 1', () => {
    expect(scoresFromCounts(0, 0, 0)).toEqual({ f1: 1, precision: 1, recall: 1 });
    expect(scoresFromCounts(0, 3, 0)).toEqual({ f1: 0, precision: 0, recall: 0 });
    expect(scoresFromCounts(2, 1, 1)).toEqual({ f1: 4 / 6, precision: 2 / 3, recall: 2 / 3 });
  });

  it('detectionCounts 6x1: a GT matched only by a 50% segment is neither TP nor official FN', () => {
    const m = prepare(rows(['1 0 0 2 2 0']), rows(['1 0 3 3 3 3']));
    // S1 = G1 (TP); S2 covers 2 of the 4 px of G3 -> FP; G3 is S2's match -> official FN 0
    expect(detectionCounts(m, 'official')).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(detectionCounts(m, 'unmatched')).toEqual({ tp: 1, fp: 1, fn: 1 });
  });

  it('diceSums and hausdorffSums 6x1: area-weighted sums per side', () => {
    const m = prepare(rows(['1 0 0 2 2 0']), rows(['1 0 3 3 3 3']));
    // S1: Dice 1 (area 1); S2: Dice 2*2/(2+4) (area 2); G1: 1 (area 1); G3: 2/3 (area 4)
    const d = diceSums(m);
    expect(d.areaS).toBe(3);
    expect(d.areaG).toBe(5);
    expect(d.sumS).toBeCloseTo(1 + 2 * (2 / 3), 15);
    expect(d.sumG).toBeCloseTo(1 + 4 * (2 / 3), 15);
    // H(S2, G3): G3's pixel 2 is 1 from S2 (pixel 3) and pixel 5 is 1 from pixel 4 -> 1
    const h = hausdorffSums(m, 99);
    expect([h.sumS, h.sumG]).toEqual([2, 4]);
  });

  it('hausdorffSums 3x1 one side empty: every object at emptyDistance', () => {
    const m = prepare(rows(['0 0 0']), rows(['0 5 5']));
    expect(hausdorffSums(m, 7)).toEqual({ sumS: 0, areaS: 0, sumG: 14, areaG: 2 });
  });

  it('option resolvers: defaults and rejections', () => {
    expect(resolveFnRule(undefined)).toBe('official');
    expect(() => resolveFnRule('x')).toThrow(/fnRule/);
    expect(resolveEmptyDistance(undefined, 3, 4)).toBe(5);
    expect(resolveEmptyDistance(Infinity, 3, 4)).toBe(Infinity);
    expect(() => resolveEmptyDistance('far', 3, 4)).toThrow(/emptyDistance/);
  });
});
