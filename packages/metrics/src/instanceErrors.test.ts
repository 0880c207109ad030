import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, MetricsError } from './errors';
import { instanceErrors } from './instanceErrors';
import { panopticQuality } from './panopticQuality';
import { labelMapFromRows as rows } from './test/rows';
import { syntheticGlandPair } from './test/synthetic';
import type { LabelMap } from './types';

const fates = (
  gt: [number, number, number, number, number, number],
  seg: [number, number, number, number, number],
) => ({
  groundTruth: { total: gt[0], matched: gt[1], merged: gt[2], misshapen: gt[3], split: gt[4], missed: gt[5] },
  segmented: { total: seg[0], matched: seg[1], merges: seg[2], fragments: seg[3], spurious: seg[4] },
});

describe('instanceErrors', () => {
  it('instanceErrors 8x1 one segment over two touching objects (IoU 1/2 each) is a merge; an unsegmented object is missed', () => {
    const gt = rows(['1 1 1 2 2 2 0 3']);
    const seg = rows(['5 5 5 5 5 5 0 0']);
    expect(instanceErrors(seg, gt)).toEqual(fates([3, 0, 2, 0, 0, 1], [1, 0, 1, 0, 0]));
  });

  it('instanceErrors 8x1 an object cut in two halves (3 of 6 px each) is split; a background segment is spurious', () => {
    const gt = rows(['1 1 1 1 1 1 0 0']);
    const seg = rows(['2 2 2 3 3 3 0 4']);
    expect(instanceErrors(seg, gt)).toEqual(fates([1, 0, 0, 0, 1, 0], [3, 0, 0, 2, 1]));
  });

  it('instanceErrors 8x1 a 6-px segment over a 2-px object is misshapen (IoU 1/3) and mostly background', () => {
    const gt = rows(['0 0 1 1 0 0 0 0']);
    const seg = rows(['7 7 7 7 7 7 0 0']);
    expect(instanceErrors(seg, gt)).toEqual(fates([1, 0, 0, 1, 0, 0], [1, 0, 0, 0, 1]));
  });

  it('instanceErrors 10x1 a match (IoU 3/4) and an object covered 1 of 4 px: missed, its 1-px segment a fragment', () => {
    const gt = rows(['1 1 1 1 0 2 2 2 2 0']);
    const seg = rows(['3 3 3 0 0 4 0 0 0 0']);
    expect(instanceErrors(seg, gt)).toEqual(fates([2, 1, 0, 0, 0, 1], [2, 1, 0, 1, 0]));
  });

  it('instanceErrors 9x1 a segment matching one object (IoU 6/8) that swallows its small neighbour: matched + merged', () => {
    const gt = rows(['1 1 1 1 1 1 2 2 0']);
    const seg = rows(['5 5 5 5 5 5 5 5 0']);
    expect(instanceErrors(seg, gt)).toEqual(fates([2, 1, 1, 0, 0, 0], [1, 1, 0, 0, 0]));
  });

  it('instanceErrors 6x3 textbook picture: two nuclei merged, one split, one found, one false positive', () => {
    const gt = rows([
      '1 1 2 2 0 3', //
      '1 1 2 2 0 3',
      '0 0 0 0 0 3',
    ]);
    const seg = rows([
      '8 8 8 8 0 6', //
      '8 8 8 8 0 7',
      '0 0 0 9 0 7',
    ]);
    // S8 covers G1 and G2 fully (IoU 4/8 each): both merged, S8 a merge. G3 (3 px): S6 has 1, S7 2 →
    // S7 covers most of it alone (IoU 2/3 > 1/2): matched; S6 a fragment. S9 lies on background.
    expect(instanceErrors(seg, gt)).toEqual(fates([3, 1, 2, 0, 0, 0], [4, 1, 1, 1, 1]));
  });

  it('instanceErrors the iouThreshold moves objects between matched and misshapen', () => {
    const gt = rows(['1 1 1 1 1 1 1 1 1 1']);
    const seg = rows(['3 3 3 3 3 3 3 0 0 0']); // IoU 7/10
    expect(instanceErrors(seg, gt).groundTruth.matched).toBe(1);
    expect(instanceErrors(seg, gt, { iouThreshold: 0.7 })).toEqual(fates([1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0]));
  });

  it('instanceErrors both empty: all zero; one empty: every object missed or spurious', () => {
    const z = rows(['0 0', '0 0']);
    const g = rows(['1 0', '0 2']);
    expect(instanceErrors(z, z)).toEqual(fates([0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0]));
    expect(instanceErrors(z, g)).toEqual(fates([2, 0, 0, 0, 0, 2], [0, 0, 0, 0, 0]));
    expect(instanceErrors(g, z)).toEqual(fates([0, 0, 0, 0, 0, 0], [2, 0, 0, 0, 2]));
  });

  it('instanceErrors rejects a threshold below 0.5 (InvalidArgumentError) and maps of different sizes', () => {
    const g = rows(['1 0']);
    expect(() => instanceErrors(g, g, { iouThreshold: 0.3 })).toThrow(InvalidArgumentError);
    let err: unknown;
    try {
      instanceErrors(rows(['1 0']), rows(['1', '0']));
    } catch (e) {
      err = e;
    }
    expect(MetricsError.isInstance(err) && err.code).toBe('SIZE_MISMATCH');
  });
});

/** Pixel-loop reference, written from the definitions without the overlap table. */
function referenceInstanceErrors(seg: LabelMap, gt: LabelMap) {
  const key = (a: number, b: number) => `${a}:${b}`;
  const areaS = new Map<number, number>();
  const areaG = new Map<number, number>();
  const inter = new Map<string, number>();
  for (let p = 0; p < seg.data.length; p++) {
    const a = Number(seg.data[p]);
    const b = Number(gt.data[p]);
    if (a) areaS.set(a, (areaS.get(a) ?? 0) + 1);
    if (b) areaG.set(b, (areaG.get(b) ?? 0) + 1);
    if (a && b) inter.set(key(a, b), (inter.get(key(a, b)) ?? 0) + 1);
  }
  const ov = (a: number, b: number) => inter.get(key(a, b)) ?? 0;
  const iou = (a: number, b: number) => ov(a, b) / (areaS.get(a)! + areaG.get(b)! - ov(a, b));
  const majorities = (a: number) => [...areaG.keys()].filter((b) => ov(a, b) / areaG.get(b)! > 0.5).length;
  const g = { total: areaG.size, matched: 0, merged: 0, misshapen: 0, split: 0, missed: 0 };
  for (const b of areaG.keys()) {
    const segs = [...areaS.keys()];
    if (segs.some((a) => iou(a, b) > 0.5)) g.matched++;
    else {
      const main = segs.find((a) => ov(a, b) / areaG.get(b)! > 0.5);
      const covered = segs.reduce((sum, a) => sum + ov(a, b), 0);
      if (main !== undefined) majorities(main) >= 2 ? g.merged++ : g.misshapen++;
      else if (covered / areaG.get(b)! > 0.5) g.split++;
      else g.missed++;
    }
  }
  const s = { total: areaS.size, matched: 0, merges: 0, fragments: 0, spurious: 0 };
  for (const a of areaS.keys()) {
    const onObjects = [...areaG.keys()].reduce((sum, b) => sum + ov(a, b), 0);
    if ([...areaG.keys()].some((b) => iou(a, b) > 0.5)) s.matched++;
    else if (majorities(a) >= 2) s.merges++;
    else if (onObjects / areaS.get(a)! > 0.5) s.fragments++;
    else s.spurious++;
  }
  return { groundTruth: g, segmented: s };
}

describe('instanceErrors against a pixel-loop reference', () => {
  it('instanceErrors 72x54 seeded maps (16 seeds) equal the reference; matched equals panoptic TP', () => {
    for (let seed = 1; seed <= 16; seed++) {
      const { segmentation, groundTruth } = syntheticGlandPair({
        seed,
        width: 72,
        height: 54,
        glands: 9,
        radius: [2, 12],
      });
      const got = instanceErrors(segmentation, groundTruth);
      expect(got, `seed ${seed}`).toEqual(referenceInstanceErrors(segmentation, groundTruth));
      const pq = panopticQuality(segmentation, groundTruth);
      expect(got.groundTruth.matched).toBe(pq.tp);
      expect(got.segmented.total - got.segmented.matched).toBe(pq.fp);
    }
  });
});
