import { describe, expect, it } from 'vitest';
import { hvEnergy } from './hvEnergy';

/** Pixel-interleaved [h, v] from row-major h and v maps. */
const interleave = (h: number[], v: number[]) => Float32Array.from(h.flatMap((x, i) => [x, v[i]!]));

describe('hvEnergy', () => {
  it('4x3, every row h = −1 0 1 −1 (two objects touching between x = 2 and 3), v = 0: E = 0, 0, 0.5, 1', () => {
    // d/dx with rows alike = (h[x+1] − h[x−1]) x (1 + 2 + 1) / 8, the border replicated:
    // x=0: (0 − −1)/2 = 0.5 ↑; x=1: (1 − −1)/2 = 1 ↑; x=2: (−1 − 0)/2 = −0.5; x=3: (−1 − 1)/2 = −1
    const h = [-1, 0, 1, -1, -1, 0, 1, -1, -1, 0, 1, -1];
    const e = hvEnergy(
      interleave(
        h,
        h.map(() => 0),
      ),
      4,
      3,
    );
    expect(Array.from(e)).toEqual([0, 0, 0.5, 1, 0, 0, 0.5, 1, 0, 0, 0.5, 1]);
  });

  it('1x4 column, v = −1 1 −1 1 (rising, falling, rising): E from d/dy', () => {
    // y=0: (1 − −1)/2 = 1 ↑; y=1: (−1 − −1)/2 = 0; y=2: (1 − 1)/2 = 0; y=3: (1 − −1)/2 = 1 ↑
    const v = [-1, 1, -1, 1];
    expect(Array.from(hvEnergy(interleave([0, 0, 0, 0], v), 1, 4))).toEqual([0, 0, 0, 0]);
    // v = 1 −1 1 −1: y=0: (−1 − 1)/2 = −1; y=1: 0; y=2: 0; y=3: (−1 − 1)/2 = −1
    expect(Array.from(hvEnergy(interleave([0, 0, 0, 0], [1, -1, 1, -1]), 1, 4))).toEqual([1, 0, 0, 1]);
  });

  it('the larger of the two falls: h falling by 0.25, v by 0.75 per pixel → 0.75', () => {
    const w = 3;
    const h = Array.from({ length: 9 }, (_, i) => -0.25 * (i % w));
    const v = Array.from({ length: 9 }, (_, i) => -0.75 * Math.floor(i / w));
    const e = hvEnergy(interleave(h, v), 3, 3);
    expect(e[4]).toBeCloseTo(0.75, 6);
  });
});
