import { readFileSync } from 'node:fs';
import type { Image } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/createRng';
import { OPTICAL_DENSITY, STAIN_MATRIX, STAIN_MATRIX_INVERSE, hedToRgb, jitterStains, rgbToHed } from './stain';

const oracle = JSON.parse(readFileSync(new URL('./fixtures/stain_oracle.json', import.meta.url), 'utf8')) as {
  stainMatrix: number[];
  stainMatrixInverse: number[];
  opticalDensity: number[];
  cases: {
    name: string;
    rgb: number[];
    od: number[];
    hed: number[];
    alpha: number[];
    beta: number[];
    value: number[];
    out: number[];
  }[];
};
const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(tolerance);
};
const pixel = (rgb: readonly number[]): Image => ({ width: 1, height: 1, channels: 3, data: Uint8Array.from(rgb) });

describe('HED stain deconvolution and jitter', () => {
  it('by hand: OD(255) = 0, OD(0) = ln 256; white has no stain; white + 0.1 haematoxylin is (239, 238, 248)', () => {
    expect(OPTICAL_DENSITY[255]).toBe(0);
    expect(OPTICAL_DENSITY[0]).toBeCloseTo(5.545177444479562, 14); // −ln(1/256)
    expect(OPTICAL_DENSITY[127]).toBeCloseTo(Math.log(2), 14); // −ln(128/256)
    close(rgbToHed(255, 255, 255), [0, 0, 0], 0);
    // unit H row = [0.65, 0.70, 0.29] / 0.998299 = [0.651108, 0.701193, 0.290494];
    // 256·e^(−0.1·0.651108) − 1 = 238.86 → 239, 256·e^(−0.0701193) − 1 = 237.66 → 238, 256·e^(−0.0290494) − 1 = 247.67 → 248
    close(STAIN_MATRIX.subarray(0, 3), [0.65110783, 0.70119304, 0.29049426], 1e-8);
    expect(Array.from(jitterStains(pixel([255, 255, 255]), [1, 1, 1], [0.1, 0, 0]).data)).toEqual([239, 238, 248]);
    close(hedToRgb(0.1, 0, 0), [238.86269655, 237.66434251, 247.6703238], 1e-7);
  });

  it('3x3 stain matrix: unit rows, the inverse computed at load matches numpy.linalg.inv and M·M⁻¹ = I', () => {
    close(STAIN_MATRIX, oracle.stainMatrix, 1e-15);
    close(STAIN_MATRIX_INVERSE, oracle.stainMatrixInverse, 1e-13);
    for (let i = 0; i < 3; i++) {
      expect(Math.hypot(STAIN_MATRIX[i * 3]!, STAIN_MATRIX[i * 3 + 1]!, STAIN_MATRIX[i * 3 + 2]!)).toBeCloseTo(1, 15);
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += STAIN_MATRIX[i * 3 + k]! * STAIN_MATRIX_INVERSE[k * 3 + j]!;
        expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-14);
      }
    }
    close(OPTICAL_DENSITY, oracle.opticalDensity, 1e-14);
  });

  it(`numpy oracle, ${oracle.cases.length} cases (9 colours incl. pure R/G/B, black, white × identity/light/strong jitter): OD, HED and output pixels`, () => {
    for (const c of oracle.cases) {
      const [r, g, b] = c.rgb;
      close([OPTICAL_DENSITY[r!]!, OPTICAL_DENSITY[g!]!, OPTICAL_DENSITY[b!]!], c.od, 1e-14);
      close(rgbToHed(r!, g!, b!), c.hed, 1e-12);
      const jittered = c.hed.map((v, k) => v * c.alpha[k]! + c.beta[k]!);
      close(hedToRgb(jittered[0]!, jittered[1]!, jittered[2]!), c.value, 1e-9);
      expect([c.name, ...jitterStains(pixel(c.rgb), c.alpha, c.beta).data]).toEqual([c.name, ...c.out]);
    }
  });

  it('sigma 0, bias 0 (α = 1, β = 0) round trip, 1000x200 random RGB plus black/white/pure colours: every value reproduced exactly', () => {
    const rng = createRng(9);
    const data = new Uint8Array(200_000 * 3);
    for (let i = 0; i < data.length; i++) data[i] = rng.int(256);
    data.set([0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 254, 128]);
    const image: Image = { width: 1000, height: 200, channels: 3, data };
    const out = jitterStains(image, [1, 1, 1], [0, 0, 0]).data;
    let worst = 0;
    for (let i = 0; i < data.length; i++) worst = Math.max(worst, Math.abs(out[i]! - data[i]!));
    expect(worst).toBe(0); // the brief asks ±1; the table-based exponential is 5·10⁻⁵ from exact
  });

  it('RGBA keeps alpha; grey (1 channel) is returned unchanged as a copy', () => {
    const rgba: Image = {
      width: 2,
      height: 1,
      channels: 4,
      data: new Uint8Array([200, 100, 150, 7, 90, 40, 160, 250]),
    };
    const out = jitterStains(rgba, [1.2, 0.8, 1], [0.05, -0.05, 0]);
    expect([out.channels, out.data[3], out.data[7]]).toEqual([4, 7, 250]);
    expect(out.data.subarray(0, 3)).not.toEqual(rgba.data.subarray(0, 3));
    const grey: Image = { width: 2, height: 1, channels: 1, data: new Uint8Array([10, 200]) };
    const same = jitterStains(grey, [1.2, 0.8, 1], [0.05, -0.05, 0]);
    expect(same.data).toEqual(grey.data);
    expect(same.data).not.toBe(grey.data);
  });

  it('more haematoxylin darkens a pink (eosin) pixel most in red and green, where H absorbs; values stay in 0..255 under extreme jitter', () => {
    const [r, g, b] = jitterStains(pixel([236, 158, 203]), [1, 1, 1], [0.3, 0, 0]).data;
    expect(r).toBeLessThan(236);
    expect(g).toBeLessThan(158);
    expect(236 - r!).toBeGreaterThan(203 - b!);
    const extreme = jitterStains(
      { width: 3, height: 1, channels: 3, data: new Uint8Array([0, 0, 0, 255, 255, 255, 30, 200, 90]) },
      [3, 0, 2],
      [-5, 5, 1],
    );
    for (const v of extreme.data) expect(v >= 0 && v <= 255).toBe(true);
  });
});
