import { describe, expect, it } from 'vitest';
import { envelope, envelopeBuffers, squaredDistanceTransform, verticalPass } from './edt';

describe('edt core', () => {
  it('squaredDistanceTransform 5x1 bit field: only the chosen bit is a target', () => {
    const mask = new Uint8Array([2, 1, 0, 0, 2]);
    const out = new Float64Array(5);
    squaredDistanceTransform(mask, 2, 5, 1, out);
    expect(Array.from(out)).toEqual([0, 1, 4, 1, 0]);
    squaredDistanceTransform(mask, 1, 5, 1, out);
    expect(Array.from(out)).toEqual([1, 0, 1, 4, 9]);
  });

  it('verticalPass and envelope 3x3: column distances, then the row lower envelope', () => {
    const mask = new Uint8Array([0, 0, 0, 0, 0, 0, 1, 0, 0]); // target at (0, 2)
    const col = new Int32Array(9);
    verticalPass(mask, 1, 3, 3, col);
    expect(Array.from(col.subarray(0, 3))).toEqual([2, 1 << 30, 1 << 30]);
    const k = envelope(col, 0, 3); // row 0: one parabola, apex at x = 0, height 4
    const { v, fv } = envelopeBuffers();
    expect([k, v[0], fv[0]]).toEqual([0, 0, 4]);
  });
});
