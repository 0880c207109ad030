import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, MetricsError } from './errors';
import { panopticQuality as pq } from './panopticQuality';
import { labelMapFromRows as rows } from './test/rows';

describe('panopticQuality', () => {
  it('PQ 6x1 one match (IoU 3/4), one FN, one FP: dq 1/2, sq 3/4, pq 3/8', () => {
    const gt = rows(['1 1 1 2 2 0']);
    const seg = rows(['5 5 5 5 0 6']);
    expect(pq(seg, gt)).toEqual({ pq: 0.375, dq: 0.5, sq: 0.75, tp: 1, fp: 1, fn: 1 });
  });

  it('PQ 4x1 IoU exactly 0.5 is not a match at threshold 0.5; 3 of 5 pixels (0.6) is', () => {
    const gt = rows(['1 1 1 1']);
    expect(pq(rows(['2 2 0 0']), gt)).toEqual({ pq: 0, dq: 0, sq: 0, tp: 0, fp: 1, fn: 1 });
    const r = pq(rows(['2 2 2 0 0']), rows(['1 1 1 1 1']));
    expect(r).toEqual({ pq: 0.6, dq: 1, sq: 0.6, tp: 1, fp: 0, fn: 0 });
  });

  it('PQ 10x1 IoU 7/10 at threshold 0.7 is not a match (IoU equal to the decimal threshold), at 0.69 it is', () => {
    const gt = rows(['1 1 1 1 1 1 1 1 1 1']);
    const seg = rows(['3 3 3 3 3 3 3 0 0 0']);
    expect(pq(seg, gt, { iouThreshold: 0.7 }).tp).toBe(0);
    expect(pq(seg, gt, { iouThreshold: 0.69 })).toEqual({ pq: 0.7, dq: 1, sq: 0.7, tp: 1, fp: 0, fn: 0 });
    expect(pq(seg, gt, { iouThreshold: 0.75 }).tp).toBe(0);
  });

  it('PQ 8x2 several objects: mean IoU of the matches, counts of the rest', () => {
    const gt = rows(['1 1 1 1 0 2 2 2', '3 3 0 0 0 2 2 2']);
    const seg = rows(['9 9 9 9 0 4 4 0', '0 7 0 0 0 4 4 4']);
    // (G1, S9) 4/4 = 1; (G2, S4) 5/6; G3 vs S7 1/2 -> no match. TP 2, FP 1 (S7), FN 1 (G3)
    const r = pq(seg, gt);
    expect([r.tp, r.fp, r.fn]).toEqual([2, 1, 1]);
    expect(r.sq).toBeCloseTo((1 + 5 / 6) / 2, 15);
    expect(r.dq).toBe(2 / 3);
    expect(r.pq).toBeCloseTo((2 / 3) * ((1 + 5 / 6) / 2), 15);
  });

  it('PQ both empty = 1/1/1 with zero counts; exactly one empty = 0 with FP or FN', () => {
    const z = rows(['0 0', '0 0']);
    const g = rows(['1 0', '0 2']);
    expect(pq(z, z)).toEqual({ pq: 1, dq: 1, sq: 1, tp: 0, fp: 0, fn: 0 });
    expect(pq(z, g)).toEqual({ pq: 0, dq: 0, sq: 0, tp: 0, fp: 0, fn: 2 });
    expect(pq(g, z)).toEqual({ pq: 0, dq: 0, sq: 0, tp: 0, fp: 2, fn: 0 });
  });

  it('PQ 6x1 huge non-consecutive labels and a GT label in two pieces', () => {
    const gt = rows(['70000 70000 0 0 70000 70000']);
    const seg = rows(['4000000000 4000000000 0 0 4000000000 0']);
    // one GT object of 4 px, one segment of 3 px inside it: IoU 3/4
    expect(pq(seg, gt)).toEqual({ pq: 0.75, dq: 1, sq: 0.75, tp: 1, fp: 0, fn: 0 });
  });

  it('PQ rejects thresholds outside [0.5, 1) with InvalidArgumentError naming iouThreshold', () => {
    const g = rows(['1 0']);
    for (const t of [0.49, 0, -1, 1, 1.5, NaN, Infinity, '0.5', null]) {
      let err: unknown;
      try {
        pq(g, g, { iouThreshold: t as number });
      } catch (e) {
        err = e;
      }
      expect(err, String(t)).toBeInstanceOf(InvalidArgumentError);
      expect((err as InvalidArgumentError).argument).toBe('iouThreshold');
      expect((err as Error).message).toMatch(/\[0\.5, 1\)/);
    }
    expect(pq(g, g, { iouThreshold: 0.5 }).pq).toBe(1);
    expect(pq(g, g, { iouThreshold: 0.999 }).pq).toBe(1);
  });

  it('PQ 2x1 vs 1x2 throws SizeMismatchError', () => {
    let err: unknown;
    try {
      pq(rows(['1 0']), rows(['1', '0']));
    } catch (e) {
      err = e;
    }
    expect(MetricsError.isInstance(err) && err.code).toBe('SIZE_MISMATCH');
  });
});
