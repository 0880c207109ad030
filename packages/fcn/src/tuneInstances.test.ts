import type { ProbabilityMap } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { aggregatedJaccardIndex } from '@qfcn/metrics';
import { toInstances } from './toInstances';
import { tuneInstances } from './tuneInstances';

/** A probability map from rows of digits: '9' → 0.9, '5' → 0.55, '.' → 0. */
function map(rows: string[]): ProbabilityMap {
  const width = rows[0]!.length;
  const data = new Float32Array(width * rows.length);
  rows.forEach((r, y) =>
    [...r].forEach((ch, x) => (data[y * width + x] = ch === '.' ? 0 : ch === '5' ? 0.55 : Number(ch) / 10)),
  );
  return { width, height: rows.length, data };
}

// two 3x3 objects side by side, their shared column faintly marked as contour (0.55)
const object = map(['.......', '.999999', '.999999', '.999999', '.......']);
const contour = map(['.......', '....5..', '....5..', '....5..', '.......']);
const truth = {
  width: 7,
  height: 5,
  data: Int32Array.from([
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 1, 1, 2, 2, 2, 0, 1, 1, 1, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0,
  ]),
};

describe('tuneInstances', () => {
  it('7x5, two touching 3x3 objects: a contour threshold below 0.55 splits them (AJI 15/21), above merges (AJI 18/36)', () => {
    const tuned = tuneInstances([{ output: { object, contour }, groundTruth: truth }], {
      objectThresholds: [0.5],
      contourThresholds: [0.7, 0.5],
      minAreas: [1, 16],
      markerThresholds: [],
      splitDepths: [],
    });
    // contour 0.5: seeds of 9 px (columns 1-3) and 6 px (columns 5-6); the ridge column 4 is reached
    // first from the left seed, so object 1 covers columns 1-4 (12 px). AJI: truth 1 ↔ 1 (∩ 9, ∪ 12),
    // truth 2 ↔ 2 (∩ 6, ∪ 9) → 15/21. Contour 0.7: one 18-px object serves both → (9 + 9)/(18 + 18).
    expect(tuned.trials.map((t) => [t.contourThreshold, t.minArea, Number(t.aji.toFixed(4))])).toEqual([
      [0.7, 1, 0.5],
      [0.7, 16, 0.5],
      [0.5, 1, 0.7143],
      [0.5, 16, 0],
    ]);
    expect(tuned.options).toMatchObject({ objectThreshold: 0.5, contourThreshold: 0.5, minArea: 1 });
    expect(tuned.aji).toBeCloseTo(15 / 21, 12);
  });

  it('ties keep the first combination tried; base settings are kept', () => {
    const tuned = tuneInstances([{ output: { object, contour }, groundTruth: truth }], {
      objectThresholds: [0.5, 0.6],
      contourThresholds: [0.3],
      minAreas: [1],
      markerThresholds: [],
      base: { method: 'dilate' },
    });
    expect(tuned.trials[0]!.aji).toBe(tuned.trials[1]!.aji);
    expect(tuned.options).toEqual({ method: 'dilate', objectThreshold: 0.5, contourThreshold: 0.3, minArea: 1 });
  });

  it('7x5, two touching objects whose contour is missed: a marker threshold of 0.8 keeps only their cores (0.9) as seeds and splits them (AJI 1)', () => {
    // object probabilities 0.9 in the cores, 0.6 on the shared column; no contour signal at all
    const object2 = map(['.......', '.996999', '.996999', '.996999', '.......']);
    const flat = map(['.......', '.......', '.......', '.......', '.......']);
    const tuned = tuneInstances([{ output: { object: object2, contour: flat }, groundTruth: truth }], {
      objectThresholds: [0.5],
      contourThresholds: [0.5],
      minAreas: [1],
      markerThresholds: [0.4, 0.8],
      splitDepths: [],
    });
    // marker 0.5 (= object threshold): one 18-px seed, AJI (9 + 9)/(18 + 18) = 0.5. Marker 0.4 is
    // below the object threshold and not tried. Marker 0.8: seeds columns 1-2 and 4-6 (the 0.6 column
    // 3 is not a seed), flooding gives column 3 to the left seed (raster order tie) → exact truth.
    expect(tuned.trials.map((t) => [t.markerThreshold, Number(t.aji.toFixed(4))])).toEqual([
      [0.5, 0.5],
      [0.8, 1],
    ]);
    expect(tuned.options).toEqual({ objectThreshold: 0.5, markerThreshold: 0.8, contourThreshold: 0.5, minArea: 1 });
  });

  it('13x7 dumbbell, contour missed: the second stage splits the seed at its neck with splitDepth 1 (AJI 50/51), not with 3 (peaks 2 px above the neck)', () => {
    const dumbbell = map([
      '.............',
      '.99999.99999.',
      '.99999.99999.',
      '.99999999999.',
      '.99999.99999.',
      '.99999.99999.',
      '.............',
    ]);
    const none = map(Array.from({ length: 7 }, () => '.............'));
    // truth: the two 5x5 blocks, the neck pixel background
    const blocks = { width: 13, height: 7, data: new Int32Array(91) };
    for (let y = 1; y <= 5; y++) for (let x = 1; x <= 11; x++) if (x !== 6) blocks.data[y * 13 + x] = x < 6 ? 1 : 2;
    const tuned = tuneInstances([{ output: { object: dumbbell, contour: none }, groundTruth: blocks }], {
      objectThresholds: [0.5],
      contourThresholds: [0.5],
      minAreas: [1],
      markerThresholds: [],
      splitDepths: [1, 3],
    });
    // unsplit: one 51-px object is the best match of both blocks → (25 + 25)/(51 + 51); split: the neck
    // joins one block → (25 + 25)/(26 + 25)
    expect(tuned.trials.map((t) => [t.splitDepth, Number(t.aji.toFixed(4))])).toEqual([
      [0, Number((50 / 102).toFixed(4))],
      [1, Number((50 / 51).toFixed(4))],
      [3, Number((50 / 102).toFixed(4))],
    ]);
    expect(tuned.options).toEqual({ objectThreshold: 0.5, contourThreshold: 0.5, minArea: 1, splitDepth: 1 });
  });

  it('every trial of the full default grid, third stage included, scores exactly what toInstances gives with its settings (two noisy 40x40 maps)', () => {
    // the grid shares toInstances' seed stage across minimum areas and reuses each map's contour
    // levels: the per-image AJIs must equal toInstances called afresh with each trial's settings
    let r = 7;
    const rand = () => {
      r = (Math.imul(r, 1103515245) + 12345) >>> 0;
      return r / 4294967296;
    };
    const pairs = [0, 1].map((k) => {
      const side = 40;
      const truth = new Int32Array(side * side);
      const objectData = new Float32Array(side * side);
      const contourData = new Float32Array(side * side);
      const distanceData = new Float32Array(side * side);
      for (let y = 0; y < side; y++) {
        for (let x = 0; x < side; x++) {
          const i = y * side + x;
          // four discs of radius 7-8 in a 2x2 layout, two of them touching when k = 1
          const cx = x < 20 ? 10 : 28 - 3 * k;
          const cy = y < 20 ? 10 : 29;
          const d = Math.hypot(x - cx, y - cy);
          const inside = d < 8 - (y < 20 ? 0 : 1);
          truth[i] = inside ? 1 + (x < 20 ? 0 : 1) + (y < 20 ? 0 : 2) : 0;
          objectData[i] = Math.min(1, Math.max(0, (inside ? 0.75 : 0.15) + (rand() - 0.5) * 0.5));
          contourData[i] = Math.min(1, Math.max(0, (inside && d > 5.5 ? 0.6 : 0.1) + (rand() - 0.5) * 0.4));
          distanceData[i] = Math.min(1, Math.max(0, (inside ? 1 - d / 8 : 0) + (rand() - 0.5) * 0.3));
        }
      }
      const m = (data: Float32Array) => ({ width: side, height: side, data });
      return {
        output: { object: m(objectData), contour: m(contourData), distance: m(distanceData) },
        groundTruth: m(truth as never),
      };
    });
    const tuned = tuneInstances(pairs as never);
    // stage 1: 19 object/marker pairs x 6 contour; stage 2: 3 depths x 6 contour; stage 3: 5 distances
    // x (6 contour + 1); stage 4: 5 distance depths x 1-2 distance thresholds x (6 contour + 1); each x 6 minimum areas
    const fourth = tuned.trials.filter((t) => t.distanceDepth > 0);
    const fourthThresholds = new Set(fourth.map((t) => t.distanceThreshold));
    expect(tuned.trials.length - fourth.length).toBe(19 * 6 * 6 + 3 * 6 * 6 + 5 * 7 * 6);
    // stage 4: 0 and the best distance threshold so far (one value when that is 0)
    expect(fourthThresholds.has(0)).toBe(true);
    expect(fourth.length).toBe(5 * fourthThresholds.size * 7 * 6);
    expect(new Set(tuned.trials.map((t) => t.distanceThreshold))).toEqual(new Set([0, 0.2, 0.3, 0.4, 0.5, 0.6]));
    expect(new Set(tuned.trials.map((t) => t.distanceDepth))).toEqual(new Set([0, 0.05, 0.1, 0.15, 0.2, 0.3]));
    for (const t of tuned.trials) {
      const settings = {
        objectThreshold: t.objectThreshold,
        markerThreshold: t.markerThreshold,
        contourThreshold: t.contourThreshold,
        minArea: t.minArea,
        splitDepth: t.splitDepth,
        distanceThreshold: t.distanceThreshold,
        distanceDepth: t.distanceDepth,
      };
      const fresh =
        pairs.reduce(
          (sum, p) => sum + aggregatedJaccardIndex(toInstances(p.output, settings), p.groundTruth as never),
          0,
        ) / pairs.length;
      expect(t.aji, JSON.stringify(settings)).toBe(fresh);
    }
  });

  it('rejects no pairs and empty candidate lists', () => {
    expect(() => tuneInstances([])).toThrow(/pairs/);
    expect(() => tuneInstances([{ output: { object, contour }, groundTruth: truth }], { minAreas: [] })).toThrow(
      /minAreas/,
    );
  });
});

describe('tuneInstances with distance maps', () => {
  // two touching 5x5 objects, no contour seen between them; the distance peaks at each one's far side
  const object10 = map(Array(5).fill('9999999999'));
  const contour10 = map(Array(5).fill('..........'));
  const distance10 = map(Array(5).fill('9864224689'));
  const truth10 = {
    width: 10,
    height: 5,
    data: Int32Array.from({ length: 50 }, (_, i) => (i % 10 < 5 ? 1 : 2)),
  };
  const grid = {
    objectThresholds: [0.5],
    contourThresholds: [0.5],
    minAreas: [0],
    markerThresholds: [],
    splitDepths: [],
    distanceDepths: [],
  };

  it('10x5 two touching squares, contour missed: stages 1-2 merge them (AJI 50/100); the third stage seeds at distance > 0.5 (AJI 1) and names it', () => {
    const tuned = tuneInstances(
      [{ output: { object: object10, contour: contour10, distance: distance10 }, groundTruth: truth10 }],
      { ...grid, distanceThresholds: [0.5, 0.95] },
    );
    // stage 1: one trial; stage 3: distance 0.5 and 0.95 × contour 0.5 and 1
    expect(tuned.trials.map((t) => [t.distanceThreshold, t.contourThreshold, t.aji])).toEqual([
      [0, 0.5, 0.5],
      [0.5, 0.5, 1],
      [0.5, 1, 1],
      [0.95, 0.5, 0],
      [0.95, 1, 0],
    ]);
    expect(tuned.options).toEqual({ objectThreshold: 0.5, contourThreshold: 0.5, minArea: 0, distanceThreshold: 0.5 });
    expect(tuned.aji).toBe(1);
  });

  it('no third stage when a pair has no distance map or distanceThresholds is empty; a threshold outside (0, 1) → InvalidArgumentError', () => {
    const withDistance = {
      output: { object: object10, contour: contour10, distance: distance10 },
      groundTruth: truth10,
    };
    const without = { output: { object: object10, contour: contour10 }, groundTruth: truth10 };
    expect(tuneInstances([withDistance, without], grid).trials).toHaveLength(1);
    expect(tuneInstances([withDistance], { ...grid, distanceThresholds: [] }).trials).toHaveLength(1);
    expect(() => tuneInstances([withDistance], { ...grid, distanceThresholds: [1] })).toThrow(
      /distanceThresholds.*\(0, 1\), got 1/,
    );
  });

  // two big touching objects (peaks 0.9, saddle 0.4) beside a small one (peak 0.3), contour missed
  const pair14 = {
    output: {
      object: map(Array(3).fill('9999999999.999')),
      contour: map(Array(3).fill('..............')),
      distance: map(Array(3).fill('9876446789.232')),
    },
    groundTruth: {
      width: 14,
      height: 3,
      data: Int32Array.from({ length: 42 }, (_, i) => (i % 14 < 5 ? 1 : i % 14 < 10 ? 2 : i % 14 > 10 ? 3 : 0)),
    },
  };

  it('14x3 two big touching objects (saddle 0.4) beside a small one (peak 0.3): no distance threshold finds all three (best AJI 30/39 at 0.5); the fourth stage splits the whole mask at the peaks with depth 0.1 (AJI 1) and names it', () => {
    const tuned = tuneInstances([pair14], {
      ...grid,
      distanceThresholds: [0.2, 0.5],
      distanceDepths: [0.1, 0.6],
    });
    // stage 1: the pair merged, the small one found: C = 15 + 15 + 9, U = 30 + 30 + 9; stage 3: > 0.2
    // still merges, > 0.5 splits the pair but loses the small one (C 30, U 39); stage 4, depth × distance
    // threshold (0 and the best, 0.5) × contour: with no threshold, depth 0.1 splits the pair (its
    // peaks stand 0.5 above the saddle) and keeps the small one; 0.6 does not split
    expect(tuned.trials.map((t) => [t.distanceThreshold, t.distanceDepth, t.contourThreshold, t.aji])).toEqual([
      [0, 0, 0.5, 39 / 69],
      [0.2, 0, 0.5, 39 / 69],
      [0.2, 0, 1, 39 / 69],
      [0.5, 0, 0.5, 30 / 39],
      [0.5, 0, 1, 30 / 39],
      [0, 0.1, 0.5, 1],
      [0, 0.1, 1, 1],
      [0.5, 0.1, 0.5, 30 / 39],
      [0.5, 0.1, 1, 30 / 39],
      [0, 0.6, 0.5, 39 / 69],
      [0, 0.6, 1, 39 / 69],
      [0.5, 0.6, 0.5, 30 / 39],
      [0.5, 0.6, 1, 30 / 39],
    ]);
    expect(tuned.options).toEqual({ objectThreshold: 0.5, contourThreshold: 0.5, minArea: 0, distanceDepth: 0.1 });
    expect(tuned.aji).toBe(1);
  });

  it('14x3 the same objects seeded on the whole mask: depth 0.1 alone finds all three (AJI 1), depth 0.6 merges the pair', () => {
    const tuned = tuneInstances([pair14], {
      ...grid,
      distanceThresholds: [],
      distanceDepths: [0.1, 0.6],
    });
    expect(tuned.trials.map((t) => [t.distanceDepth, t.contourThreshold, t.aji])).toEqual([
      [0, 0.5, 39 / 69],
      [0.1, 0.5, 1],
      [0.1, 1, 1],
      [0.6, 0.5, 39 / 69],
      [0.6, 1, 39 / 69],
    ]);
    expect(tuned.options).toEqual({ objectThreshold: 0.5, contourThreshold: 0.5, minArea: 0, distanceDepth: 0.1 });
  });

  it('no fourth stage without distance maps; a depth outside (0, 1) → InvalidArgumentError', () => {
    const without = { output: { object: object10, contour: contour10 }, groundTruth: truth10 };
    expect(tuneInstances([without], { ...grid, distanceDepths: [0.1] }).trials).toHaveLength(1);
    const withDistance = {
      output: { object: object10, contour: contour10, distance: distance10 },
      groundTruth: truth10,
    };
    expect(() => tuneInstances([withDistance], { ...grid, distanceDepths: [0] })).toThrow(
      /distanceDepths.*\(0, 1\), got 0/,
    );
  });
});
