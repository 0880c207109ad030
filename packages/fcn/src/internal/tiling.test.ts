import { describe, expect, it } from 'vitest';
import { blendWindow, reflectIndex, tileStarts } from './tiling';

describe('tileStarts', () => {
  it('length 1000, tile 256, overlap 64: 5 tiles, last ends at 1000, neighbours share ≥ 64', () => {
    const s = tileStarts(1000, 256, 64);
    expect(s).toEqual([0, 186, 372, 558, 744]);
    for (let i = 1; i < s.length; i++) expect(s[i - 1]! + 256 - s[i]!).toBeGreaterThanOrEqual(64);
  });
  it('length ≤ tile: one tile at 0', () => {
    expect(tileStarts(100, 128, 32)).toEqual([0]);
    expect(tileStarts(128, 128, 32)).toEqual([0]);
  });
  it('length 129, tile 128: two tiles 0 and 1', () => {
    expect(tileStarts(129, 128, 32)).toEqual([0, 1]);
  });
});

describe('blendWindow', () => {
  it('tile 8, overlap 4, both sides: 0.5 - 0.5cos(π(i + 0.5)/4) mirrored', () => {
    const w = blendWindow(8, 4, true, true);
    const r = [0, 1, 2, 3].map((i) => 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / 4));
    expect(Array.from(w)).toEqual(
      Array.from(new Float32Array([r[0]!, r[1]!, r[2]!, r[3]!, r[3]!, r[2]!, r[1]!, r[0]!])),
    );
    expect(r[0]).toBeCloseTo(0.0381, 4);
  });
  it('border sides keep weight 1', () => {
    expect(Array.from(blendWindow(6, 2, false, false))).toEqual([1, 1, 1, 1, 1, 1]);
    const w = blendWindow(6, 2, false, true);
    expect(Array.from(w.subarray(0, 4))).toEqual([1, 1, 1, 1]);
    expect(w[5]).toBeLessThan(w[4]!);
  });
});

describe('reflectIndex', () => {
  it('n=4: -3..7 → 3,2,1,0,1,2,3,2,1,0,1', () => {
    expect([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7].map((i) => reflectIndex(i, 4))).toEqual([
      3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1,
    ]);
  });
  it('n=1: always 0', () => {
    expect([-5, 0, 3].map((i) => reflectIndex(i, 1))).toEqual([0, 0, 0]);
  });
});
