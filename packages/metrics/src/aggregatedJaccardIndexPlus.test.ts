import { describe, expect, it } from 'vitest';
import { aggregatedJaccardIndex as aji } from './aggregatedJaccardIndex';
import { aggregatedJaccardIndexPlus as ajiPlus } from './aggregatedJaccardIndexPlus';
import { MetricsError } from './errors';
import { labelMapFromRows as rows } from './test/rows';

describe('aggregatedJaccardIndexPlus', () => {
  it('AJI+ 6x1 merged segment over two GT objects pairs once (tie 1/2 -> smaller GT label): 2/7 vs AJI 4/9', () => {
    const gt = rows(['1 1 2 2 0 0']);
    const seg = rows(['7 7 7 7 0 9']);
    // (G1, S7) paired: C 2, U 4; G2 (2 px) and S9 (1 px) unpaired
    expect(ajiPlus(seg, gt)).toBe(2 / 7);
    expect(aji(seg, gt)).toBe(4 / 9);
    // GT labels swapped: the tie now goes to the other GT object, same value by symmetry
    expect(ajiPlus(seg, rows(['2 2 1 1 0 0']))).toBe(2 / 7);
  });

  it('AJI+ 9x1 equal IoU 2/6 = 3/9 for one GT object: the smaller segmented label is paired', () => {
    const gt = rows(['1 1 1 1 1 1 0 0 0']);
    expect(ajiPlus(rows(['3 3 0 8 8 8 8 8 8']), gt)).toBe(2 / 12); // S3 paired; S8 (6 px) unpaired
    expect(ajiPlus(rows(['8 8 0 3 3 3 3 3 3']), gt)).toBe(3 / 11); // S3 paired; S8 (2 px) unpaired
  });

  it('AJI+ 8x1 pairs by IoU descending: a larger GT label with a higher IoU is served first', () => {
    const gt = rows(['1 1 1 1 9 9 9 0']);
    const seg = rows(['5 5 5 5 5 5 5 6']);
    // (G1, S5) 4/7 > (G9, S5) 3/7 -> G1 takes S5 (C 4, U 7); G9 (3 px), S6 (1 px) unpaired
    expect(ajiPlus(seg, gt)).toBe(4 / 11);
    const gt2 = rows(['9 9 9 9 1 1 1 0']);
    // now G9 has the higher IoU (4/7) and is served although its label is larger (by label: 3/12)
    expect(ajiPlus(seg, gt2)).toBe(4 / 11);
    const gt3 = rows(['1 1 0 0 9 9 9 0']);
    const seg3 = rows(['5 5 5 5 5 5 5 6']);
    // (G9, S5) 3/7 beats (G1, S5) 2/7: C 3, U 7; G1 (2 px), S6 (1 px)
    expect(ajiPlus(seg3, gt3)).toBe(3 / 10);
  });

  it('AJI+ 6x2 a GT object whose best segment is taken falls back to its next free one', () => {
    const gt = rows(['1 1 1 2 2 0', '0 0 0 0 2 0']);
    const seg = rows(['4 4 4 4 4 0', '0 0 0 0 3 3']);
    // pairs: (G1,S4) 3/5, (G2,S4) 2/6, (G2,S3) 1/4 -> G1-S4 (C 3, U 5), then G2-S3 (C 1, U 4)
    expect(ajiPlus(seg, gt)).toBe(4 / 9);
    // AJI lets G2 take S4 again (1/3 > 1/4): C 3 + 2, U 5 + 6, S3 unused + 2
    expect(aji(seg, gt)).toBe(5 / 13);
  });

  it('AJI+ identical maps = 1; both empty = 1; exactly one empty = 0; huge labels as small ones', () => {
    const gt = rows(['1 1 0', '0 2 2']);
    expect(ajiPlus(gt, gt)).toBe(1);
    const z = rows(['0 0 0', '0 0 0']);
    expect(ajiPlus(z, z)).toBe(1);
    expect(ajiPlus(z, gt)).toBe(0);
    expect(ajiPlus(gt, z)).toBe(0);
    expect(
      ajiPlus(rows(['4000000000 4000000000 4000000000 4000000000 0 70000']), rows(['65535 65535 1000000 1000000 0 0'])),
    ).toBe(2 / 7);
  });

  it('AJI+ 2x1 vs 1x2 throws SizeMismatchError', () => {
    let err: unknown;
    try {
      ajiPlus(rows(['1 0']), rows(['1', '0']));
    } catch (e) {
      err = e;
    }
    expect(MetricsError.isInstance(err) && err.code).toBe('SIZE_MISMATCH');
  });
});
