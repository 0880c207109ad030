import { describe, expect, it } from 'vitest';
import { aggregatedJaccardIndex as aji } from './aggregatedJaccardIndex';
import { MetricsError } from './errors';
import { labelMapFromRows as rows } from './test/rows';

describe('aggregatedJaccardIndex', () => {
  it('AJI 6x1 one segment serves two GT objects (both IoU 1/2) and a never-used segment adds its area: 4/9', () => {
    const gt = rows(['1 1 2 2 0 0']);
    const seg = rows(['7 7 7 7 0 9']);
    // G1 -> S7: C 2, U 4; G2 -> S7: C 2, U 4 (S7 counted twice); S9 unused: U + 1
    expect(aji(seg, gt)).toBe(4 / 9);
  });

  it('AJI 9x1 equal IoU 2/6 = 3/9 with two segments: the smaller label wins (1/6, not 3/11)', () => {
    const gt = rows(['1 1 1 1 1 1 0 0 0']);
    const seg = rows(['3 3 0 8 8 8 8 8 8']);
    // S3: 2/6, S8: 3/9 -> tie -> S3: C 2, U 6; S8 unused: U + 6
    expect(aji(seg, gt)).toBe(2 / 12);
    // the same maps with the labels swapped pick the other segment
    expect(aji(rows(['8 8 0 3 3 3 3 3 3']), gt)).toBe(3 / 11);
  });

  it('AJI 6x2 largest IoU wins, not largest overlap; a GT object overlapping nothing adds its area', () => {
    const gt = rows(['1 1 1 1 0 0', '0 0 0 0 0 2']);
    const seg = rows(['4 4 4 5 5 5', '4 4 4 0 0 0']);
    // G1 (4 px): S4 inter 3, union 7 (3/7); S5 inter 1, union 6 (1/6) -> S4. G2 (1 px) overlaps nothing.
    // C = 3; U = 7 + 1 (G2) + 3 (S5 unused)
    expect(aji(seg, gt)).toBe(3 / 11);
  });

  it('AJI 6x1 GT label in two pieces, each covered by its own segment: one object, best segment by IoU', () => {
    const gt = rows(['5 5 0 0 5 5']);
    const seg = rows(['1 1 0 0 2 0']);
    // G5 (4 px): S1 2/4, S2 1/4 -> S1: C 2, U 4; S2 unused: U + 1
    expect(aji(seg, gt)).toBe(2 / 5);
  });

  it('AJI 9x1 huge non-consecutive labels (uint32, 65535, 1e6, 4e9) score as their small counterparts', () => {
    const gt = rows(['1 1 1 1 1 1 0 0 0']);
    const seg = rows(['3 3 0 8 8 8 8 8 8']);
    const bigGt = rows(['65535 65535 65535 65535 65535 65535 0 0 0']);
    const bigSeg = rows(['1000000 1000000 0 4000000000 4000000000 4000000000 4000000000 4000000000 4000000000']);
    expect(aji(bigSeg, bigGt)).toBe(aji(seg, gt));
  });

  it('AJI identical maps = 1; both empty = 1; exactly one empty = 0', () => {
    const gt = rows(['1 1 0', '0 2 2']);
    expect(aji(gt, gt)).toBe(1);
    const z = rows(['0 0 0', '0 0 0']);
    expect(aji(z, z)).toBe(1);
    expect(aji(z, gt)).toBe(0);
    expect(aji(gt, z)).toBe(0);
  });

  it('AJI accepts every input form f1Score accepts (plain arrays, float arrays, ndarray views)', () => {
    const gt = rows(['1 1 2 2 0 0']);
    const seg = { width: 6, height: 1, data: [7, 7, 7, 7, 0, 9] };
    const nd = { shape: [1, 6], stride: [6, 1], offset: 0, data: new Float64Array([7, 7, 7, 7, 0, 9]) };
    expect(aji(seg, gt)).toBe(4 / 9);
    expect(aji(nd, gt)).toBe(4 / 9);
  });

  it('AJI 2x1 vs 1x2 throws SizeMismatchError; fractional labels throw LabelValueError', () => {
    const codes: unknown[] = [];
    for (const f of [
      () => aji(rows(['1 0']), rows(['1', '0'])),
      () => aji({ width: 2, height: 1, data: [1.5, 0] }, rows(['1 0'])),
    ]) {
      try {
        f();
      } catch (e) {
        codes.push(MetricsError.isInstance(e) && e.code);
      }
    }
    expect(codes).toEqual(['SIZE_MISMATCH', 'INVALID_LABELS']);
  });
});
