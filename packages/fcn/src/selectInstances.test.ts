import type { ProbabilityMap } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { selectInstances } from './selectInstances';

/** A probability map from rows of digits: '9' → 0.9, '5' → 0.55, '.' → 0. */
function map(rows: string[]): ProbabilityMap {
  const width = rows[0]!.length;
  const data = new Float32Array(width * rows.length);
  rows.forEach((r, y) =>
    [...r].forEach((ch, x) => (data[y * width + x] = ch === '.' ? 0 : ch === '5' ? 0.55 : Number(ch) / 10)),
  );
  return { width, height: rows.length, data };
}
const labels = (rows: string[]) => ({
  width: rows[0]!.length,
  height: rows.length,
  data: Int32Array.from(rows.join('').split('').map(Number)),
});

// a 3x6 block of object with a faint (0.55) contour down its column 4
const object = map(['.......', '.999999', '.999999', '.999999', '.......']);
const contour = map(['.......', '....5..', '....5..', '....5..', '.......']);
// A: the block is two touching objects; B: the same probabilities, but it is one object
const twoObjects = {
  output: { object, contour },
  groundTruth: labels(['0000000', '0111222', '0111222', '0111222', '0000000']),
};
const oneObject = {
  output: { object, contour },
  groundTruth: labels(['0000000', '0111111', '0111111', '0111111', '0000000']),
};
const grid = { objectThresholds: [0.5], contourThresholds: [0.7, 0.5], minAreas: [1], markerThresholds: [] };

describe('selectInstances', () => {
  it('2 images that agree (7x5, two touching objects each): tuning wins on the held-out image, 15/21 vs 0 for the defaults', () => {
    // defaults (contour 0.5, minArea 16) drop both seeds (9 and 6 px); tuned contour 0.5 + minArea 1
    // splits the block on its ridge: AJI (9 + 6) / (12 + 9) = 15/21 on the image left out
    const s = selectInstances([twoObjects, twoObjects], { ...grid, minAreas: [16, 1] });
    expect(s.tuned).toBe(true);
    expect(s.folds).toBe(2);
    expect(s.crossValidated.tuned).toBeCloseTo(15 / 21, 12);
    expect(s.crossValidated.defaults).toBe(0);
    expect(s.options).toEqual({ objectThreshold: 0.5, contourThreshold: 0.5, minArea: 1 });
  });

  it('2 images that disagree: each tuned choice fails on the other image, so the defaults are kept (0.75 vs 0.5)', () => {
    // base contour 0.6 merges the block: AJI 0.5 on A (two objects), 1 on B → mean 0.75.
    // Tuned on B: contour 0.7 (merge; first of the tie) → 0.5 on A. Tuned on A: 0.5 (split into 12 + 6 px)
    // → on B, truth 18 px matches the 12-px piece, the 6-px piece is unmatched: 12 / (18 + 6) = 0.5.
    const base = { contourThreshold: 0.6, minArea: 1 };
    const s = selectInstances([twoObjects, oneObject], { ...grid, base });
    expect(s.crossValidated.tuned).toBeCloseTo(0.5, 12);
    expect(s.crossValidated.defaults).toBeCloseTo(0.75, 12);
    expect(s.tuned).toBe(false);
    expect(s.options).toEqual(base);
  });

  it('1 image of 10x10 with one 3x3 object per quadrant: cross-validates over its 4 quadrants', () => {
    const rows = ['..........', '.999..999.', '.999..999.', '.999..999.', '..........'];
    const image = map([...rows, ...rows]);
    const truthRows = ['0000000000', '0111002220', '0111002220', '0111002220', '0000000000'];
    const truth = labels([...truthRows, ...truthRows.map((r) => r.replace(/1/g, '3').replace(/2/g, '4'))]);
    const flat = map(Array(10).fill('..........'));
    const s = selectInstances([{ output: { object: image, contour: flat }, groundTruth: truth }], {
      ...grid,
      minAreas: [16, 1],
    });
    expect(s.folds).toBe(4);
    expect(s.crossValidated).toEqual({ tuned: 1, defaults: 0 });
    expect(s.options).toMatchObject({ minArea: 1 });
  });

  it('rejects no pairs, fewer than 2 folds and more folds than images', () => {
    expect(() => selectInstances([])).toThrow(InvalidArgumentError);
    expect(() => selectInstances([twoObjects, oneObject], { folds: 1 })).toThrow(
      /'folds': must be an integer ≥ 2, got 1/,
    );
    expect(() => selectInstances([twoObjects, oneObject], { folds: 3 })).toThrow(
      /3 folds need at least as many validation units, have 2/,
    );
  });
});
