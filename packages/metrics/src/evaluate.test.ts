import { describe, expect, expectTypeOf, it } from 'vitest';
import { aggregatedJaccardIndex } from './aggregatedJaccardIndex';
import { aggregatedJaccardIndexPlus } from './aggregatedJaccardIndexPlus';
import {
  evaluate,
  type Evaluation,
  type FullEvaluation,
  type FullImageEvaluation,
  type MetricFamily,
  type NucleiEvaluation,
  type NucleiImageEvaluation,
} from './evaluate';
import { panopticQuality } from './panopticQuality';
import { f1Score } from './f1Score';
import { objectDice } from './objectDice';
import { objectHausdorff } from './objectHausdorff';
import { InvalidArgumentError, MetricsError } from './errors';
import { labelMapFromRows as rows } from './test/rows';

// Image A: second gland half covered. S: |S1| = 4 (Dice 1, H 0), |S2| = 2 (Dice 2/3, H 1);
//          G: |G1| = 4 (Dice 1, H 0), |G2| = 4 (Dice 2/3, H 1). TP 1, FP 1, FN 0 (official) / 1.
const A = {
  id: 'A',
  groundTruth: rows(['1 1 0 2 2', '1 1 0 2 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']),
  segmentation: rows(['1 1 0 0 2', '1 1 0 0 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']),
};
// Image B: FP and missed gland. S: |S1| = 4 (Dice 1, H 0), |S3| = 1 (Dice 0, H sqrt2);
//          G: |G1| = 4 (Dice 1, H 0), |G2| = 1 (Dice 0, H sqrt2). TP 1, FP 1, FN 1.
const B = {
  id: 'B',
  groundTruth: rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 2']),
  segmentation: rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 3 0', '0 0 0 0 0']),
};
const EMPTY = rows(['0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);

describe('evaluate', () => {
  it('evaluate two 5x5 images: pooled weights over all objects of the set', () => {
    const r = evaluate([A, B]);
    expect(r.numImages).toBe(2);
    expect(r.fnRule).toBe('official');
    expect(r.pooled).toMatchObject({ tp: 2, fp: 2, fn: 1, numSegmented: 4, numGroundTruth: 4 });
    expect(r.pooled.f1).toBeCloseTo(4 / 7, 15);
    expect(r.pooled.precision).toBe(0.5);
    expect(r.pooled.recall).toBeCloseTo(2 / 3, 15);
    // S side: (4*1 + 2*2/3 + 4*1 + 1*0) / (6 + 5); G side: (4 + 4*2/3 + 4 + 0) / (8 + 5)
    expect(r.pooled.objectDice).toBeCloseTo((28 / 3 / 11 + 32 / 3 / 13) / 2, 15);
    // S side: (2*1 + 1*sqrt2) / 11; G side: (4*1 + 1*sqrt2) / 13
    expect(r.pooled.objectHausdorff).toBeCloseTo(((2 + Math.SQRT2) / 11 + (4 + Math.SQRT2) / 13) / 2, 14);
  });

  it('evaluate two 5x5 images: per-image mean and per-image rows equal the single-image functions', () => {
    const r = evaluate([A, B]);
    expect(r.perImageMean.objectDice).toBeCloseTo((31 / 36 + 0.8) / 2, 15);
    expect(r.perImageMean.objectHausdorff).toBeCloseTo((5 / 12 + Math.SQRT2 / 5) / 2, 15);
    expect(r.perImageMean.f1).toBeCloseTo((2 / 3 + 1 / 2) / 2, 15);
    for (const [i, p] of [A, B].entries()) {
      const row = r.images[i]!;
      expect(row.id).toBe(p.id);
      expect([row.width, row.height]).toEqual([5, 5]);
      const f = f1Score(p.segmentation, p.groundTruth);
      expect(row).toMatchObject({ tp: f.tp, fp: f.fp, fn: f.fn, f1: f.f1, precision: f.precision, recall: f.recall });
      expect(row.objectDice).toBe(objectDice(p.segmentation, p.groundTruth));
      expect(row.objectHausdorff).toBe(objectHausdorff(p.segmentation, p.groundTruth));
    }
  });

  it('evaluate fnRule unmatched: pooled FN = Σ(numG − TP)', () => {
    const r = evaluate([A, B], { fnRule: 'unmatched' });
    expect([r.pooled.tp, r.pooled.fp, r.pooled.fn]).toEqual([2, 2, 2]);
    expect(r.pooled.f1).toBe(0.5);
  });

  it('evaluate one image: pooled equals the per-image scores', () => {
    const r = evaluate([A]);
    expect(r.pooled.f1).toBeCloseTo(r.images[0]!.f1, 15);
    expect(r.pooled.objectDice).toBeCloseTo(r.images[0]!.objectDice, 15);
    expect(r.pooled.objectHausdorff).toBeCloseTo(r.images[0]!.objectHausdorff, 15);
  });

  it('evaluate 5x5 both-empty image: adds nothing to pooled scores, counts as 1/1/0 in the mean', () => {
    const r = evaluate([A, { id: 'empty', segmentation: EMPTY, groundTruth: EMPTY }]);
    const only = evaluate([A]);
    expect(r.pooled).toEqual(only.pooled);
    expect(r.images[1]).toMatchObject({ f1: 1, objectDice: 1, objectHausdorff: 0, tp: 0, fp: 0, fn: 0 });
    expect(r.perImageMean.objectDice).toBeCloseTo((31 / 36 + 1) / 2, 15);
  });

  it('evaluate 5x5 empty-segmentation image: its glands add FN, Dice 0 and the diagonal to the pooled G side', () => {
    const r = evaluate([A, { id: 'missed', segmentation: EMPTY, groundTruth: A.groundTruth }]);
    expect([r.pooled.tp, r.pooled.fp, r.pooled.fn]).toEqual([1, 1, 2]);
    // S side only from A: (4 + 4/3)/6; G side: (4 + 8/3 + 0)/(8 + 8)
    expect(r.pooled.objectDice).toBeCloseTo((16 / 3 / 6 + 20 / 3 / 16) / 2, 15);
    // S side from A: 2/6; G side: (4 + 8*sqrt(50)) / 16
    expect(r.pooled.objectHausdorff).toBeCloseTo((2 / 6 + (4 + 8 * Math.sqrt(50)) / 16) / 2, 14);
    expect(r.images[1]!.objectHausdorff).toBe(Math.sqrt(50));
    const inf = evaluate([A, { id: 'missed', segmentation: EMPTY, groundTruth: A.groundTruth }], {
      emptyDistance: Infinity,
    });
    expect(inf.pooled.objectHausdorff).toBe(Infinity);
  });

  it('evaluate set with no segmented object at all: F1 0, Dice 0, Hausdorff = weighted diagonal', () => {
    const r = evaluate([{ id: 'x', segmentation: EMPTY, groundTruth: A.groundTruth }]);
    expect(r.pooled).toMatchObject({ f1: 0, objectDice: 0, tp: 0, fp: 0, fn: 2 });
    expect(r.pooled.objectHausdorff).toBe(Math.sqrt(50));
  });

  it('evaluate calls onImage once per image in order', () => {
    const seen: string[] = [];
    evaluate([A, B], { onImage: (row, i) => seen.push(`${i}:${row.id}`) });
    expect(seen).toEqual(['0:A', '1:B']);
  });

  it('evaluate mixes image sizes; rejects an empty list and names the pair with mismatched sizes', () => {
    const small = { id: 'small', segmentation: rows(['1 0', '0 0']), groundTruth: rows(['1 0', '0 0']) };
    expect(evaluate([A, small]).pooled.tp).toBe(2);
    expect(() => evaluate([])).toThrow(/no pairs/);
    let err: unknown;
    try {
      evaluate([A, { id: 'testB_7', segmentation: rows(['1 0']), groundTruth: rows(['1', '0']) }]);
    } catch (e) {
      err = e;
    }
    expect(MetricsError.isInstance(err) && err.code).toBe('SIZE_MISMATCH');
    expect((err as Error).message).toContain('testB_7');
  });
});

describe('evaluate metrics families', () => {
  const NUCLEI_KEYS = ['aji', 'ajiPlus', 'pq', 'dq', 'sq', 'pqTp', 'pqFp', 'pqFn'];

  it("evaluate default and metrics 'glas' give the same GlaS-only result (no nuclei fields, same key order)", () => {
    const r = evaluate([A, B]);
    expect(evaluate([A, B], { metrics: 'glas' })).toEqual(r);
    expect(Object.keys(r)).toEqual(['pooled', 'perImageMean', 'images', 'numImages', 'fnRule']);
    expect(Object.keys(r.perImageMean)).toEqual(['f1', 'precision', 'recall', 'objectDice', 'objectHausdorff']);
    expect(Object.keys(r.images[0]!)).toEqual([
      'id',
      'width',
      'height',
      'f1',
      'precision',
      'recall',
      'objectDice',
      'objectHausdorff',
      'tp',
      'fp',
      'fn',
      'numSegmented',
      'numGroundTruth',
    ]);
  });

  it("evaluate two 5x5 images with metrics 'nuclei': rows equal the single-image functions, perImageMean their means", () => {
    const r = evaluate([A, B], { metrics: 'nuclei' });
    expect(Object.keys(r)).toEqual(['perImageMean', 'images', 'numImages', 'iouThreshold']);
    expect(r.iouThreshold).toBe(0.5);
    expect(r.numImages).toBe(2);
    const sums = { aji: 0, ajiPlus: 0, pq: 0, dq: 0, sq: 0 };
    for (const [i, p] of [A, B].entries()) {
      const row = r.images[i]!;
      const q = panopticQuality(p.segmentation, p.groundTruth);
      expect(row).toEqual({
        id: p.id,
        width: 5,
        height: 5,
        aji: aggregatedJaccardIndex(p.segmentation, p.groundTruth),
        ajiPlus: aggregatedJaccardIndexPlus(p.segmentation, p.groundTruth),
        pq: q.pq,
        dq: q.dq,
        sq: q.sq,
        pqTp: q.tp,
        pqFp: q.fp,
        pqFn: q.fn,
        numSegmented: 2,
        numGroundTruth: 2,
      });
      for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += row[k];
    }
    // A: G1-S1 exact (4/4), G2-S2 2/4 -> AJI (4 + 2)/(4 + 4) = 3/4; PQ: one TP (IoU 1), S2/G2 at exactly 1/2 -> FP + FN
    expect(r.images[0]).toMatchObject({ aji: 0.75, ajiPlus: 0.75, pq: 0.5, dq: 0.5, sq: 1, pqTp: 1, pqFp: 1, pqFn: 1 });
    // B: G1-S1 exact, G2 and S3 overlap nothing -> AJI 4/(4 + 1 + 1)
    expect(r.images[1]).toMatchObject({ aji: 4 / 6, ajiPlus: 4 / 6, pqTp: 1, pqFp: 1, pqFn: 1 });
    for (const k of Object.keys(sums) as (keyof typeof sums)[]) expect(r.perImageMean[k]).toBe(sums[k] / 2);
  });

  it("evaluate metrics 'all': GlaS fields as by default, nuclei fields as with 'nuclei', both means", () => {
    const glas = evaluate([A, B]);
    const nuclei = evaluate([A, B], { metrics: 'nuclei' });
    const r = evaluate([A, B], { metrics: 'all' });
    expect(Object.keys(r)).toEqual(['pooled', 'perImageMean', 'images', 'numImages', 'fnRule', 'iouThreshold']);
    expect(r.pooled).toEqual(glas.pooled);
    expect(r.perImageMean).toEqual({ ...glas.perImageMean, ...nuclei.perImageMean });
    r.images.forEach((row, i) => expect(row).toEqual({ ...glas.images[i], ...nuclei.images[i] }));
    expect(Object.keys(r.images[0]!).slice(-8)).toEqual(NUCLEI_KEYS);
  });

  it('evaluate iouThreshold reaches PQ; bad metrics or iouThreshold throw InvalidArgumentError up front', () => {
    const r = evaluate([A], { metrics: 'nuclei', iouThreshold: 0.99 });
    expect(r.iouThreshold).toBe(0.99);
    expect(r.images[0]).toMatchObject(
      (({ pq, dq, sq, tp, fp, fn }) => ({ pq, dq, sq, pqTp: tp, pqFp: fp, pqFn: fn }))(
        panopticQuality(A.segmentation, A.groundTruth, { iouThreshold: 0.99 }),
      ),
    );
    for (const [options, argument] of [
      [{ metrics: 'gland' }, 'metrics'],
      [{ metrics: 'nuclei', iouThreshold: 0.3 }, 'iouThreshold'],
      [{ iouThreshold: 1 }, 'iouThreshold'],
      [{ metrics: 'nuclei', fnRule: 'x' }, 'fnRule'],
    ] as const) {
      let err: unknown;
      try {
        evaluate([A], options as never);
      } catch (e) {
        err = e;
      }
      expect(InvalidArgumentError.isInstance(err) && err.code).toBe('INVALID_ARGUMENT');
      expect((err as { argument: string }).argument).toBe(argument);
    }
  });

  it("evaluate metrics 'nuclei' with a both-empty image (counts 1) and a size mismatch naming the pair", () => {
    const r = evaluate([A, { id: 'empty', segmentation: EMPTY, groundTruth: EMPTY }], { metrics: 'nuclei' });
    expect(r.images[1]).toMatchObject({ aji: 1, ajiPlus: 1, pq: 1, dq: 1, sq: 1, pqTp: 0, pqFp: 0, pqFn: 0 });
    expect(r.perImageMean.aji).toBe((0.75 + 1) / 2);
    expect(() =>
      evaluate([{ id: 'testB_7', segmentation: rows(['1 0']), groundTruth: rows(['1', '0']) }], { metrics: 'nuclei' }),
    ).toThrow(/testB_7/);
  });

  it('evaluate onImage receives the rows of the chosen families', () => {
    const seen: string[] = [];
    evaluate([A, B], { metrics: 'nuclei', onImage: (row, i) => seen.push(`${i}:${row.id}:${row.aji.toFixed(2)}`) });
    expect(seen).toEqual(['0:A:0.75', '1:B:0.67']);
  });

  it('evaluate result types follow the metrics option', () => {
    expectTypeOf(evaluate([A])).toEqualTypeOf<Evaluation>();
    expectTypeOf(evaluate([A], { fnRule: 'unmatched' })).toEqualTypeOf<Evaluation>();
    expectTypeOf(evaluate([A], { metrics: 'glas' })).toEqualTypeOf<Evaluation>();
    expectTypeOf(evaluate([A], { metrics: 'nuclei' })).toEqualTypeOf<NucleiEvaluation>();
    expectTypeOf(evaluate([A], { metrics: 'all' })).toEqualTypeOf<FullEvaluation>();
    expectTypeOf(evaluate([A], { metrics: 'nuclei' }).images[0]!).toEqualTypeOf<NucleiImageEvaluation>();
    expectTypeOf(evaluate([A], { metrics: 'all' }).images[0]!).toEqualTypeOf<FullImageEvaluation>();
    const chosen = 'all' as MetricFamily; // e.g. a command-line option
    const r = evaluate([A], { metrics: chosen });
    expectTypeOf(r).toEqualTypeOf<Evaluation | NucleiEvaluation | FullEvaluation>();
    // tell the shapes apart by their fields
    const ajiOrNull = 'iouThreshold' in r ? r.perImageMean.aji : null;
    const f1OrNull = 'pooled' in r ? r.pooled.f1 : null;
    expect([ajiOrNull, f1OrNull]).toEqual([r.images.length === 1 ? 0.75 : null, 2 / 3]);
  });
});
