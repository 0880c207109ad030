// Compares every exported metric with the independent Python oracle (oracle/generate.py, numpy +
// scipy, brute-force pixel-pair Hausdorff, one boolean mask per object and exact fractions for the
// nuclei metrics). Regenerate with `python3 packages/metrics/oracle/generate.py`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregatedJaccardIndex } from './aggregatedJaccardIndex';
import { aggregatedJaccardIndexPlus } from './aggregatedJaccardIndexPlus';
import { connectedComponents } from './connectedComponents';
import { distanceTransform } from './distanceTransform';
import { evaluate } from './evaluate';
import { f1Score } from './f1Score';
import { objectDice } from './objectDice';
import { objectHausdorff } from './objectHausdorff';
import { panopticQuality } from './panopticQuality';
import { pixelDice } from './pixelDice';
import { pixelIoU } from './pixelIoU';
import type { LabelMap } from './types';

interface Encoded {
  dtype: 'uint8' | 'uint16' | 'uint32' | 'int32';
  data: number[];
}
interface Detection {
  tp: number;
  fp: number;
  fn: number;
  f1: number;
  precision: number;
  recall: number;
}
interface Panoptic {
  iouThreshold: number;
  pq: number;
  dq: number;
  sq: number;
  tp: number;
  fp: number;
  fn: number;
}
interface Scores {
  official: Detection;
  unmatched: Detection;
  objectDice: number;
  objectHausdorff: number;
  numSegmented: number;
  numGroundTruth: number;
  aji: number;
  ajiPlus: number;
  panoptic: Panoptic[];
}
interface NucleiMean {
  aji: number;
  ajiPlus: number;
  pq: number;
  dq: number;
  sq: number;
}
interface Oracle {
  cases: {
    name: string;
    width: number;
    height: number;
    segmentation: Encoded;
    groundTruth: Encoded;
    expected: Scores;
  }[];
  pixel: { name: string; dice: number; iou: number }[];
  sets: {
    name: string;
    pairs: { id: string; width: number; height: number; segmentation: Encoded; groundTruth: Encoded }[];
    expected: Omit<Scores, 'numSegmented' | 'numGroundTruth' | 'aji' | 'ajiPlus' | 'panoptic'> & {
      nucleiMean: NucleiMean;
      perImageMean: { official: Detection; unmatched: Detection; objectDice: number; objectHausdorff: number };
      images: Scores[];
    };
  }[];
  components: {
    name: string;
    width: number;
    height: number;
    connectivity: 4 | 8;
    mask: Encoded;
    expected: { count: number; labels: number[] };
  }[];
  distances: {
    name: string;
    width: number;
    height: number;
    mask: Encoded;
    expected: { foregroundSquared: number[]; backgroundSquared: number[] | null };
  }[];
}

const oracle = JSON.parse(readFileSync(new URL('./__fixtures__/oracle.json', import.meta.url), 'utf8')) as Oracle;
const arrays = { uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, int32: Int32Array };
const map = (width: number, height: number, e: Encoded): LabelMap => ({
  width,
  height,
  data: arrays[e.dtype].from(e.data),
});

const DICE_TOL = 1e-9;
const HAUSDORFF_TOL = 1e-6;
const NUCLEI_TOL = 1e-12;

describe('oracle: single images (Warwick semantics, numpy/scipy brute force)', () => {
  it('covers at least 20 cases', () => expect(oracle.cases.length).toBeGreaterThanOrEqual(20));
  for (const c of oracle.cases) {
    describe(c.name, () => {
      const s = map(c.width, c.height, c.segmentation);
      const g = map(c.width, c.height, c.groundTruth);
      for (const rule of ['official', 'unmatched'] as const) {
        it(`f1Score fnRule ${rule}`, () => {
          const r = f1Score(s, g, { fnRule: rule });
          const e = c.expected[rule];
          expect([r.tp, r.fp, r.fn]).toEqual([e.tp, e.fp, e.fn]);
          expect(r.f1).toBeCloseTo(e.f1, 9);
          expect(Math.abs(r.f1 - e.f1)).toBeLessThanOrEqual(DICE_TOL);
          expect(Math.abs(r.precision - e.precision)).toBeLessThanOrEqual(DICE_TOL);
          expect(Math.abs(r.recall - e.recall)).toBeLessThanOrEqual(DICE_TOL);
        });
      }
      it('objectDice', () => {
        expect(Math.abs(objectDice(s, g) - c.expected.objectDice)).toBeLessThanOrEqual(DICE_TOL);
      });
      it('objectHausdorff', () => {
        expect(Math.abs(objectHausdorff(s, g) - c.expected.objectHausdorff)).toBeLessThanOrEqual(HAUSDORFF_TOL);
      });
    });
  }
});

describe('oracle: nuclei instance metrics (AJI, AJI+, PQ; boolean masks and exact fractions)', () => {
  it('covers at least 10 nuclei-specific cases', () =>
    expect(oracle.cases.filter((c) => c.name.startsWith('nuclei:')).length).toBeGreaterThanOrEqual(10));
  for (const c of oracle.cases) {
    it(c.name, () => {
      const s = map(c.width, c.height, c.segmentation);
      const g = map(c.width, c.height, c.groundTruth);
      expect(Math.abs(aggregatedJaccardIndex(s, g) - c.expected.aji)).toBeLessThanOrEqual(NUCLEI_TOL);
      expect(Math.abs(aggregatedJaccardIndexPlus(s, g) - c.expected.ajiPlus)).toBeLessThanOrEqual(NUCLEI_TOL);
      for (const e of c.expected.panoptic) {
        const r = panopticQuality(s, g, { iouThreshold: e.iouThreshold });
        expect([r.tp, r.fp, r.fn], `PQ counts at ${e.iouThreshold}`).toEqual([e.tp, e.fp, e.fn]);
        for (const k of ['pq', 'dq', 'sq'] as const) {
          expect(Math.abs(r[k] - e[k]), `${k} at ${e.iouThreshold}`).toBeLessThanOrEqual(NUCLEI_TOL);
        }
      }
    });
  }
});

describe('oracle: pixel Dice and IoU', () => {
  for (const [i, p] of oracle.pixel.entries()) {
    it(p.name, () => {
      const c = oracle.cases[i]!;
      const s = map(c.width, c.height, c.segmentation);
      const g = map(c.width, c.height, c.groundTruth);
      expect(Math.abs(pixelDice(s, g) - p.dice)).toBeLessThanOrEqual(DICE_TOL);
      expect(Math.abs(pixelIoU(s, g) - p.iou)).toBeLessThanOrEqual(DICE_TOL);
    });
  }
});

describe('oracle: pooled and per-image-mean scores over sets', () => {
  for (const set of oracle.sets) {
    for (const rule of ['official', 'unmatched'] as const) {
      it(`${set.name}, fnRule ${rule}`, () => {
        const pairs = set.pairs.map((p) => ({
          id: p.id,
          segmentation: map(p.width, p.height, p.segmentation),
          groundTruth: map(p.width, p.height, p.groundTruth),
        }));
        const r = evaluate(pairs, { fnRule: rule });
        const e = set.expected;
        expect([r.pooled.tp, r.pooled.fp, r.pooled.fn]).toEqual([e[rule].tp, e[rule].fp, e[rule].fn]);
        expect(Math.abs(r.pooled.f1 - e[rule].f1)).toBeLessThanOrEqual(DICE_TOL);
        expect(Math.abs(r.pooled.precision - e[rule].precision)).toBeLessThanOrEqual(DICE_TOL);
        expect(Math.abs(r.pooled.recall - e[rule].recall)).toBeLessThanOrEqual(DICE_TOL);
        expect(Math.abs(r.pooled.objectDice - e.objectDice)).toBeLessThanOrEqual(DICE_TOL);
        expect(Math.abs(r.pooled.objectHausdorff - e.objectHausdorff)).toBeLessThanOrEqual(HAUSDORFF_TOL);
        const m = e.perImageMean;
        expect(Math.abs(r.perImageMean.f1 - m[rule].f1)).toBeLessThanOrEqual(DICE_TOL);
        expect(Math.abs(r.perImageMean.precision - m[rule].precision)).toBeLessThanOrEqual(DICE_TOL);
        expect(Math.abs(r.perImageMean.recall - m[rule].recall)).toBeLessThanOrEqual(DICE_TOL);
        expect(Math.abs(r.perImageMean.objectDice - m.objectDice)).toBeLessThanOrEqual(DICE_TOL);
        expect(Math.abs(r.perImageMean.objectHausdorff - m.objectHausdorff)).toBeLessThanOrEqual(HAUSDORFF_TOL);
        r.images.forEach((row, i) => {
          const x = e.images[i]!;
          expect([row.tp, row.fp, row.fn]).toEqual([x[rule].tp, x[rule].fp, x[rule].fn]);
          expect([row.numSegmented, row.numGroundTruth]).toEqual([x.numSegmented, x.numGroundTruth]);
          expect(Math.abs(row.objectDice - x.objectDice)).toBeLessThanOrEqual(DICE_TOL);
          expect(Math.abs(row.objectHausdorff - x.objectHausdorff)).toBeLessThanOrEqual(HAUSDORFF_TOL);
        });
      });
    }
    it(`${set.name}, metrics 'all': nuclei rows and their means`, () => {
      const pairs = set.pairs.map((p) => ({
        id: p.id,
        segmentation: map(p.width, p.height, p.segmentation),
        groundTruth: map(p.width, p.height, p.groundTruth),
      }));
      const r = evaluate(pairs, { metrics: 'all' });
      const e = set.expected;
      expect(r.pooled.f1).toBe(evaluate(pairs).pooled.f1);
      for (const k of ['aji', 'ajiPlus', 'pq', 'dq', 'sq'] as const) {
        expect(Math.abs(r.perImageMean[k] - e.nucleiMean[k]), k).toBeLessThanOrEqual(NUCLEI_TOL);
      }
      r.images.forEach((row, i) => {
        const x = e.images[i]!;
        const q = x.panoptic[0]!;
        expect([row.pqTp, row.pqFp, row.pqFn]).toEqual([q.tp, q.fp, q.fn]);
        expect(Math.abs(row.aji - x.aji)).toBeLessThanOrEqual(NUCLEI_TOL);
        expect(Math.abs(row.ajiPlus - x.ajiPlus)).toBeLessThanOrEqual(NUCLEI_TOL);
        expect(Math.abs(row.pq - q.pq)).toBeLessThanOrEqual(NUCLEI_TOL);
      });
    });
  }
});

describe('oracle: connected components (scipy.ndimage.label, renumbered in raster order)', () => {
  for (const c of oracle.components) {
    it(c.name, () => {
      const r = connectedComponents(map(c.width, c.height, c.mask), { connectivity: c.connectivity });
      expect(r.count).toBe(c.expected.count);
      expect(Array.from(r.data)).toEqual(c.expected.labels);
    });
  }
});

describe('oracle: distance transform (brute force, checked against scipy)', () => {
  for (const c of oracle.distances) {
    it(`${c.name}, to foreground`, () => {
      const r = distanceTransform(map(c.width, c.height, c.mask), { squared: true });
      expect(Array.from(r.data)).toEqual(c.expected.foregroundSquared);
    });
    if (c.expected.backgroundSquared) {
      const bg = c.expected.backgroundSquared;
      it(`${c.name}, to background`, () => {
        const r = distanceTransform(map(c.width, c.height, c.mask), { to: 'background' });
        expect(Array.from(r.data)).toEqual(bg.map(Math.sqrt));
      });
    }
  }
});
