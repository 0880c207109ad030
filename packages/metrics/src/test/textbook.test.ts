import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { f1Score } from '../f1Score';
import { objectDice } from '../objectDice';
import { objectHausdorff } from '../objectHausdorff';
import { labelMapFromRows, mulberry32, syntheticGlandPair, textbookCases } from './index';

describe('@qfcn/metrics/test fixtures', () => {
  for (const c of textbookCases) {
    it(`textbook 5x5 ${c.name}`, () => {
      for (const rule of ['official', 'unmatched'] as const) {
        const r = f1Score(c.segmentation, c.groundTruth, { fnRule: rule });
        expect([r.tp, r.fp, r.fn]).toEqual([c.expected[rule].tp, c.expected[rule].fp, c.expected[rule].fn]);
        expect(r.f1).toBeCloseTo(c.expected[rule].f1, 15);
      }
      expect(objectDice(c.segmentation, c.groundTruth)).toBeCloseTo(c.expected.objectDice, 15);
      expect(objectHausdorff(c.segmentation, c.groundTruth)).toBeCloseTo(c.expected.objectHausdorff, 15);
    });
  }

  it('labelMapFromRows picks the smallest storage and rejects ragged rows', () => {
    expect(labelMapFromRows(['1 255']).data).toBeInstanceOf(Uint8Array);
    expect(labelMapFromRows(['1 256']).data).toBeInstanceOf(Uint16Array);
    expect(labelMapFromRows([[1, 65536]]).data).toBeInstanceOf(Uint32Array);
    expect(labelMapFromRows(['1 2'], { type: 'int32' }).data).toBeInstanceOf(Int32Array);
    expect(() => labelMapFromRows(['1 2', '3'])).toThrow(/row 1/);
    expect(() => labelMapFromRows(['1 -2'])).toThrow(/not a label/);
  });

  it('mulberry32 is deterministic per seed and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });

  it('syntheticGlandPair 775x522 seed 3: reproducible, GlaS-like, non-consecutive segment labels', () => {
    const p = syntheticGlandPair({ seed: 3 });
    const q = syntheticGlandPair({ seed: 3 });
    const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);
    expect(same(p.groundTruth.data, q.groundTruth.data)).toBe(true);
    expect(same(p.segmentation.data, q.segmentation.data)).toBe(true);
    expect([p.groundTruth.width, p.groundTruth.height]).toEqual([775, 522]);
    const r = evaluate([{ id: 's3', ...p }]);
    expect(r.images[0]!.numGroundTruth).toBeGreaterThan(8);
    expect(r.images[0]!.numGroundTruth).toBeLessThanOrEqual(15);
    expect(r.pooled.objectDice).toBeGreaterThan(0.5);
    expect(r.pooled.objectDice).toBeLessThan(1);
    const labels = new Set(p.segmentation.data);
    labels.delete(0);
    expect(Math.min(...labels)).toBeGreaterThanOrEqual(1000);
    expect(same(syntheticGlandPair({ seed: 4 }).groundTruth.data, p.groundTruth.data)).toBe(false);
  });
});
