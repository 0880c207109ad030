import { describe, expect, it } from 'vitest';
import { f1Score } from './f1Score';
import { MetricsError } from './errors';
import { labelMapFromRows as rows } from './test/rows';

describe('f1Score', () => {
  it('f1Score 5x5 gland shifted one pixel: exactly 50% coverage is not a TP', () => {
    const gt = rows(['0 0 0 0 0', '0 1 1 0 0', '0 1 1 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['0 0 0 0 0', '0 0 1 1 0', '0 0 1 1 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(f1Score(seg, gt)).toEqual({ f1: 0, precision: 0, recall: 0, tp: 0, fp: 1, fn: 0 });
    expect(f1Score(seg, gt, { fnRule: 'unmatched' })).toEqual({ f1: 0, precision: 0, recall: 0, tp: 0, fp: 1, fn: 1 });
  });

  it('f1Score 5x5 just over 50% coverage (3 of 5 pixels) is a TP', () => {
    const gt = rows(['1 1 1 1 1', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['0 0 2 2 2', '0 0 2 2 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(f1Score(seg, gt)).toEqual({ f1: 1, precision: 1, recall: 1, tp: 1, fp: 0, fn: 0 });
  });

  it('f1Score 5x5 two touching glands merged: tie goes to the smaller GT label, the other is FN', () => {
    const gt = rows(['1 1 2 2 0', '1 1 2 2 0', '1 1 2 2 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['5 5 5 5 0', '5 5 5 5 0', '5 5 5 5 0', '0 0 0 0 0', '0 0 0 0 0']);
    const r = f1Score(seg, gt);
    expect([r.tp, r.fp, r.fn]).toEqual([1, 0, 1]);
    expect(r.precision).toBe(1);
    expect(r.recall).toBe(0.5);
    expect(r.f1).toBeCloseTo(2 / 3, 15);
  });

  it('f1Score 5x5 half-covered second gland: official FN 0 (F1 2/3) vs unmatched FN 1 (F1 1/2)', () => {
    const gt = rows(['1 1 0 2 2', '1 1 0 2 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['1 1 0 0 2', '1 1 0 0 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const official = f1Score(seg, gt, { fnRule: 'official' });
    expect([official.tp, official.fp, official.fn]).toEqual([1, 1, 0]);
    expect(official.f1).toBeCloseTo(2 / 3, 15);
    const unmatched = f1Score(seg, gt, { fnRule: 'unmatched' });
    expect([unmatched.tp, unmatched.fp, unmatched.fn]).toEqual([1, 1, 1]);
    expect(unmatched.f1).toBe(0.5);
  });

  it('f1Score 5x5 background-dominant segment covering 3/4 of its gland is a TP', () => {
    const gt = rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['0 1 1 1 1', '1 1 1 1 1', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(f1Score(seg, gt).tp).toBe(1);
  });

  it('f1Score 4x1 split gland: one piece TP, the other FP; no FN', () => {
    const gt = rows(['3 3 3 3 3 3 3 0']);
    const seg = rows(['1 1 1 1 2 2 2 0']);
    expect(f1Score(seg, gt)).toMatchObject({ tp: 1, fp: 1, fn: 0 });
  });

  it('f1Score 3x3 both empty: 1; one empty: 0 with FP = numS or FN = numG', () => {
    const empty = rows(['0 0 0', '0 0 0', '0 0 0']);
    const one = rows(['0 0 0', '0 4 0', '0 0 9']);
    expect(f1Score(empty, empty)).toEqual({ f1: 1, precision: 1, recall: 1, tp: 0, fp: 0, fn: 0 });
    expect(f1Score(one, empty)).toEqual({ f1: 0, precision: 0, recall: 0, tp: 0, fp: 2, fn: 0 });
    expect(f1Score(empty, one)).toEqual({ f1: 0, precision: 0, recall: 0, tp: 0, fp: 0, fn: 2 });
  });

  it('f1Score 4x2 labels above 65535 and non-consecutive equal the 1,2 relabelling', () => {
    const gt = rows(['70000 70000 0 3', '70000 70000 0 3'], { type: 'uint32' });
    const seg = rows(['0 4000000000 0 65536', '0 4000000000 0 65536'], { type: 'uint32' });
    const small = f1Score(rows(['0 1 0 2', '0 1 0 2']), rows(['2 2 0 1', '2 2 0 1']));
    expect(f1Score(seg, gt)).toEqual(small);
    expect(small).toMatchObject({ tp: 1, fp: 1, fn: 0 });
  });

  it('f1Score 5x1 a GT label in two pieces is one object (never split by connectivity)', () => {
    const gt = rows(['1 1 0 1 1']);
    const seg = rows(['2 2 0 0 0']);
    // 2 of 4 pixels of GT object 1: exactly 50% -> not TP
    expect(f1Score(seg, gt)).toMatchObject({ tp: 0, fp: 1, fn: 0 });
  });

  it('f1Score rejects an unknown fnRule and maps of different sizes', () => {
    const a = rows(['1 0']);
    expect(() => f1Score(a, a, { fnRule: 'paper' as never })).toThrow(/fnRule/);
    const err = (() => {
      try {
        f1Score(a, rows(['1', '0']));
      } catch (e) {
        return e;
      }
    })();
    expect(MetricsError.isInstance(err) && err.code).toBe('SIZE_MISMATCH');
  });
});
