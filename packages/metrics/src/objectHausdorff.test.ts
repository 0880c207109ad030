import { describe, expect, it } from 'vitest';
import { objectHausdorff } from './objectHausdorff';
import { labelMapFromRows as rows } from './test/rows';

describe('objectHausdorff', () => {
  it('objectHausdorff 5x5 identical maps: 0', () => {
    const m = rows(['1 1 0 2 2', '1 1 0 2 2', '0 0 0 0 0', '3 3 3 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(m, m)).toBe(0);
  });

  it('objectHausdorff 5x5 gland shifted one pixel: 1', () => {
    const gt = rows(['0 0 0 0 0', '0 1 1 0 0', '0 1 1 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['0 0 0 0 0', '0 0 1 1 0', '0 0 1 1 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(seg, gt)).toBe(1);
  });

  it('objectHausdorff 5x5 two touching glands merged: 2', () => {
    const gt = rows(['1 1 2 2 0', '1 1 2 2 0', '1 1 2 2 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['5 5 5 5 0', '5 5 5 5 0', '5 5 5 5 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(seg, gt)).toBe(2);
  });

  it('objectHausdorff 5x5 half-covered gland: (1/3 + 1/2)/2 = 5/12', () => {
    const gt = rows(['1 1 0 2 2', '1 1 0 2 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['1 1 0 0 2', '1 1 0 0 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(seg, gt)).toBeCloseTo(5 / 12, 15);
  });

  it('objectHausdorff 5x5 unmatched objects pair with the nearest object: sqrt(2)/5', () => {
    const gt = rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 2']);
    const seg = rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 3 0', '0 0 0 0 0']);
    expect(objectHausdorff(seg, gt)).toBeCloseTo(Math.SQRT2 / 5, 15);
  });

  it('objectHausdorff 5x5 uses all pixels, not only boundaries: a disc inside a ring', () => {
    // GT: a ring (boundary of the 5x5 square); seg: the full square. The centre pixel (2,2) is
    // 2 px from the ring, so H = 2; a boundary-only Hausdorff would give 0.
    const gt = rows(['1 1 1 1 1', '1 0 0 0 1', '1 0 0 0 1', '1 0 0 0 1', '1 1 1 1 1']);
    const seg = rows(['1 1 1 1 1', '1 1 1 1 1', '1 1 1 1 1', '1 1 1 1 1', '1 1 1 1 1']);
    expect(objectHausdorff(seg, gt)).toBe(2);
  });

  it('objectHausdorff 5x5 background-dominant segment: 3', () => {
    const gt = rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['0 1 1 1 1', '1 1 1 1 1', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(seg, gt)).toBe(3);
  });

  it('objectHausdorff 300x300 squares offset by (3, 4): exactly 5, at scale', () => {
    const w = 300;
    const gt = new Uint8Array(w * w);
    const seg = new Uint8Array(w * w);
    for (let y = 0; y < 250; y++) for (let x = 0; x < 250; x++) gt[y * w + x] = 1;
    for (let y = 4; y < 254; y++) for (let x = 3; x < 253; x++) seg[y * w + x] = 1;
    expect(objectHausdorff({ width: w, height: w, data: seg }, { width: w, height: w, data: gt })).toBe(5);
  });

  it('objectHausdorff 5x5 both empty: 0; one empty: diagonal sqrt(50), or emptyDistance', () => {
    const empty = rows(['0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const one = rows(['0 0 0 0 0', '0 1 1 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(empty, empty)).toBe(0);
    expect(objectHausdorff(one, empty)).toBe(Math.sqrt(50));
    expect(objectHausdorff(empty, one)).toBe(Math.sqrt(50));
    expect(objectHausdorff(empty, one, { emptyDistance: Infinity })).toBe(Infinity);
    expect(objectHausdorff(empty, one, { emptyDistance: 100 })).toBe(100);
    expect(objectHausdorff(empty, empty, { emptyDistance: Infinity })).toBe(0);
  });

  it('objectHausdorff rejects a negative or NaN emptyDistance', () => {
    const m = rows(['1 0']);
    expect(() => objectHausdorff(m, m, { emptyDistance: -1 })).toThrow(/emptyDistance/);
    expect(() => objectHausdorff(m, m, { emptyDistance: Number.NaN })).toThrow(/emptyDistance/);
  });
});
