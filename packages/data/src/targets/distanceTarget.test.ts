import { describe, expect, it } from 'vitest';
import { labelMap6x6 } from '../test/index';
import { distanceTarget } from './distanceTarget';

const rows = (a: Float32Array, w: number): number[][] =>
  Array.from({ length: a.length / w }, (_, y) => Array.from(a.subarray(y * w, y * w + w)));

describe('distanceTarget', () => {
  it('6x1 object 1 1 1 1 1 then background: 5, 4, 3, 2, 1 px from it, over 5 (the border is not an edge)', () => {
    const t = distanceTarget({ width: 6, height: 1, data: new Uint8Array([1, 1, 1, 1, 1, 0]) });
    expect(Array.from(t)).toEqual([1, 0.8, 0.6, 0.4, 0.2, 0].map(Math.fround));
  });

  it('6x6 three objects: object 1 peaks where the left border shields it; objects 2 and 3 are one pixel thick', () => {
    // labels:   000000 / 111220 / 111220 / 111220 / 000000 / 000333
    // object 1: distances 1 1 1 / 2 2 1 / 1 1 1 (max 2); object 2 touches object 1 or background
    // everywhere (all 1, max 1); object 3 likewise
    expect(rows(distanceTarget(labelMap6x6()), 6)).toEqual([
      [0, 0, 0, 0, 0, 0],
      [0.5, 0.5, 0.5, 1, 1, 0],
      [1, 1, 0.5, 1, 1, 0],
      [0.5, 0.5, 0.5, 1, 1, 0],
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 1, 1, 1],
    ]);
  });

  it('7x7 one 5x5 square: rings 1, 2, 3 px deep become 1/3, 2/3, 1', () => {
    const data = new Uint8Array(49);
    for (let y = 1; y <= 5; y++) for (let x = 1; x <= 5; x++) data[y * 7 + x] = 9;
    const t = rows(distanceTarget({ width: 7, height: 7, data }), 7);
    const third = Math.fround(1 / 3);
    const twoThirds = Math.fround(2 / 3);
    expect(t[3]).toEqual([0, third, twoThirds, 1, twoThirds, third, 0]);
    expect(t[1]).toEqual([0, third, third, third, third, third, 0]);
  });

  it('5x1 touching objects 1 1 2 2 2: each measured to the other, the image border not an edge', () => {
    // object 1: 2, 1 (max 2); object 2: 1, 2, 3 (max 3)
    const t = distanceTarget({ width: 5, height: 1, data: new Uint16Array([1, 1, 2, 2, 2]) });
    expect(Array.from(t)).toEqual([1, 0.5, 1 / 3, 2 / 3, 1].map(Math.fround));
  });

  it('3x3 plus sign: the arms are 1 px from background, the centre √2 (its nearest background is diagonal)', () => {
    // a plus-shaped object: the centre's nearest background pixels are the diagonal corners (√2)
    const data = new Uint8Array([0, 1, 0, 1, 1, 1, 0, 1, 0]);
    const t = distanceTarget({ width: 3, height: 3, data });
    // arms touch background at distance 1, the centre at √2: arms 1/√2, centre 1
    const arm = Math.fround(1 / Math.SQRT2);
    expect(Array.from(t)).toEqual([0, arm, 0, arm, 1, arm, 0, arm, 0]);
  });

  it('an object covering the whole image is 1 everywhere; an empty label map is all 0', () => {
    expect(Array.from(distanceTarget({ width: 3, height: 2, data: new Uint8Array(6).fill(4) }))).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    expect(Array.from(distanceTarget({ width: 2, height: 2, data: new Uint8Array(4) }))).toEqual([0, 0, 0, 0]);
  });

  it('rejects a label map whose data does not match its size', () => {
    expect(() => distanceTarget({ width: 3, height: 3, data: new Uint8Array(4) })).toThrow(/9|size|length/);
  });
});
