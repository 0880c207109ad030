import { describe, expect, it } from 'vitest';
import { labToRgb, rgbToLab } from './lab';

const lab = (r: number, g: number, b: number) => {
  const out = [0, 0, 0];
  rgbToLab(r, g, b, out);
  return out;
};

describe('rgbToLab / labToRgb (sRGB D65)', () => {
  // reference values: Bruce Lindbloom's colour calculator (sRGB, D65, no adaptation)
  it.each([
    [
      [255, 0, 0],
      [53.2408, 80.0925, 67.2032],
    ],
    [
      [0, 255, 0],
      [87.7347, -86.1827, 83.1793],
    ],
    [
      [0, 0, 255],
      [32.297, 79.1875, -107.8602],
    ],
    [
      [255, 255, 255],
      [100, 0, 0],
    ],
    [
      [0, 0, 0],
      [0, 0, 0],
    ],
    [
      [128, 128, 128],
      [53.585, 0, 0],
    ],
  ])('rgb %j → Lab %j', (rgb, expected) => {
    const got = lab(rgb[0]!, rgb[1]!, rgb[2]!);
    for (let c = 0; c < 3; c++) expect(got[c]).toBeCloseTo(expected[c]!, 2);
  });

  it('labToRgb inverts rgbToLab on a 52x52x52 grid of 8-bit colours (stride 5)', () => {
    const out = new Uint8Array(3);
    let worst = 0;
    for (let r = 0; r < 256; r += 5)
      for (let g = 0; g < 256; g += 5)
        for (let b = 0; b < 256; b += 5) {
          const [L, A, B] = lab(r, g, b);
          labToRgb(L!, A!, B!, out);
          worst = Math.max(worst, Math.abs(out[0]! - r), Math.abs(out[1]! - g), Math.abs(out[2]! - b));
        }
    expect(worst).toBe(0);
  });

  it('out-of-gamut Lab is clipped to 0..255 (L 50, b -150: linear red -0.96 → 0, blue 2.61 → 255)', () => {
    const out = new Uint8Array(3);
    labToRgb(50, 0, -150, out);
    expect(out[0]).toBe(0);
    expect(out[2]).toBe(255);
  });
});
