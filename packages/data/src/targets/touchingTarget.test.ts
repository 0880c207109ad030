import { describe, expect, it } from 'vitest';
import { labelMap6x6 } from '../test/index';
import { contourTarget } from './contourTarget';
import { touchingTarget } from './touchingTarget';

const rows = (a: Uint8Array, w: number): string[] =>
  Array.from({ length: a.length / w }, (_, y) => Array.from(a.subarray(y * w, y * w + w)).join(''));

describe('touchingTarget', () => {
  it('6x6 three objects, thickness 1: the two columns where objects 1 and 2 meet, not the edges on background', () => {
    // labels:   000000 / 111220 / 111220 / 111220 / 000000 / 000333
    expect(rows(touchingTarget(labelMap6x6(), { thickness: 1 }), 6)).toEqual([
      '000000',
      '001100',
      '001100',
      '001100',
      '000000',
      '000000', // object 3 is 2 rows below object 2: not touching at distance 1
    ]);
  });

  it('6x6 default thickness 2: two columns each side, and object 3 (2 rows from objects 1 and 2) too', () => {
    expect(rows(touchingTarget(labelMap6x6()), 6)).toEqual([
      '000000',
      '011110',
      '011110',
      '011110', // (3,0) sees only object 1 and background within 2
      '000000',
      '000111',
    ]);
  });

  it('4x1 0 1 1 2, thickness 1: the 1|2 edge only', () => {
    expect(
      Array.from(touchingTarget({ width: 4, height: 1, data: new Uint8Array([0, 1, 1, 2]) }, { thickness: 1 })),
    ).toEqual([0, 0, 1, 1]);
  });

  it('7x7 one isolated 5x5 square: a contour ring of 16 but nothing touching', () => {
    const data = new Uint8Array(49);
    for (let y = 1; y <= 5; y++) for (let x = 1; x <= 5; x++) data[y * 7 + x] = 9;
    const map = { width: 7, height: 7, data };
    expect(contourTarget(map, { thickness: 1 }).reduce((a, b) => a + b, 0)).toBe(16);
    expect(touchingTarget(map, { thickness: 1 }).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('is a subset of contourTarget at the same thickness (seeded 32x32 map of random blocks)', () => {
    const w = 32;
    const data = new Uint16Array(w * w);
    let s = 7;
    for (let i = 0; i < data.length; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      data[i] = (((i % w) >> 2) + (Math.floor(i / w) >> 2) * 8) % 5 === 0 ? 0 : ((s >>> 16) % 3) + 1;
    }
    for (const thickness of [1, 2]) {
      const c = contourTarget({ width: w, height: w, data }, { thickness });
      const t = touchingTarget({ width: w, height: w, data }, { thickness });
      expect(t.some((v) => v === 1)).toBe(true);
      expect(t.every((v, i) => v <= c[i]!)).toBe(true);
    }
  });

  it('thickness 0 or 1.5 is rejected', () => {
    expect(() => touchingTarget(labelMap6x6(), { thickness: 0 })).toThrowError(/Invalid argument 'thickness'/);
    expect(() => touchingTarget(labelMap6x6(), { thickness: 1.5 })).toThrowError(/Invalid argument 'thickness'/);
  });
});
