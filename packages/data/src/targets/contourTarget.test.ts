import { describe, expect, it } from 'vitest';
import { labelMap6x6 } from '../test/index';
import { contourTarget } from './contourTarget';

const rows = (a: Uint8Array, w: number): string[] =>
  Array.from({ length: a.length / w }, (_, y) => Array.from(a.subarray(y * w, y * w + w)).join(''));

describe('contourTarget', () => {
  it('6x6 three objects, thickness 1: everything but the two pixels shielded by object 1 and the left border', () => {
    // labels:   000000 / 111220 / 111220 / 111220 / 000000 / 000333
    expect(rows(contourTarget(labelMap6x6(), { thickness: 1 }), 6)).toEqual([
      '000000',
      '111110',
      '001110', // (0,2) and (1,2): only object-1 pixels within distance 1, the border is not an edge
      '111110',
      '000000',
      '000111',
    ]);
  });

  it('6x6 default thickness 2: the shielded pixels are 2 from background, so all object pixels', () => {
    expect(rows(contourTarget(labelMap6x6()), 6)).toEqual(['000000', '111110', '111110', '111110', '000000', '000111']);
  });

  it('7x7 one 5x5 square, thickness 1 and 2: a ring of 16, then all 24 but the centre', () => {
    const data = new Uint8Array(49);
    for (let y = 1; y <= 5; y++) for (let x = 1; x <= 5; x++) data[y * 7 + x] = 9;
    const t1 = contourTarget({ width: 7, height: 7, data }, { thickness: 1 });
    expect(t1.reduce((a, b) => a + b, 0)).toBe(16);
    expect(rows(t1, 7)[3]).toBe('0100010');
    const t2 = contourTarget({ width: 7, height: 7, data }, { thickness: 2 });
    expect(t2.reduce((a, b) => a + b, 0)).toBe(24);
    expect(t2[3 * 7 + 3]).toBe(0);
  });

  it('4x1 two touching objects 1 1 2 2, thickness 1: both sides of the shared edge', () => {
    expect(
      Array.from(contourTarget({ width: 4, height: 1, data: new Uint16Array([1, 1, 2, 2]) }, { thickness: 1 })),
    ).toEqual([0, 1, 1, 0]);
  });

  it('a whole-image object has no contour; thickness 0 or 1.5 is rejected', () => {
    expect(Array.from(contourTarget({ width: 2, height: 2, data: new Uint8Array([3, 3, 3, 3]) }))).toEqual([
      0, 0, 0, 0,
    ]);
    expect(() => contourTarget(labelMap6x6(), { thickness: 0 })).toThrowError(/Invalid argument 'thickness'/);
    expect(() => contourTarget(labelMap6x6(), { thickness: 1.5 })).toThrowError(/Invalid argument 'thickness'/);
  });
});
