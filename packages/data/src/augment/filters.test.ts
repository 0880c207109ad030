import type { Image } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/createRng';
import { addGaussianNoise, gaussianBlur } from './filters';
import { standardNormal } from './normal';

const constant = (w: number, h: number, channels: 1 | 3 | 4, values: number[]): Image => {
  const data = new Uint8Array(w * h * channels);
  for (let i = 0; i < data.length; i++) data[i] = values[i % channels]!;
  return { width: w, height: h, channels, data };
};

describe('gaussianBlur', () => {
  it('constant 37x23 image (grey, RGB, RGBA) at sigma 0.3, 1 and 2.5: the same constant, borders included', () => {
    for (const [channels, values] of [
      [1, [77]],
      [3, [0, 128, 255]],
      [4, [10, 200, 255, 9]],
    ] as const) {
      const image = constant(37, 23, channels, [...values]);
      for (const sigma of [0.3, 1, 2.5]) expect(gaussianBlur(image, sigma).data).toEqual(image.data);
    }
  });

  it('15x15 grey impulse of 255 at sigma 1: radius-3 separable Gaussian, symmetric, centre 255·w0², mass ≈ 255', () => {
    const image = constant(15, 15, 1, [0]);
    image.data[7 * 15 + 7] = 255;
    const out = gaussianBlur(image, 1).data;
    const w = [0, 1, 2, 3].map((t) => Math.exp((-t * t) / 2));
    const total = w[0]! + 2 * (w[1]! + w[2]! + w[3]!);
    const at = (x: number, y: number): number => out[y * 15 + x]!;
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 2],
      [1, 1],
      [2, 3],
      [3, 3],
    ]) {
      const expected = (255 * w[dx!]! * w[dy!]!) / (total * total);
      for (const [sx, sy] of [
        [1, 1],
        [-1, 1],
        [1, -1],
        [-1, -1],
      ]) {
        expect(at(7 + sx! * dx!, 7 + sy! * dy!)).toBe(Math.round(expected));
        expect(at(7 + sy! * dy!, 7 + sx! * dx!)).toBe(Math.round(expected));
      }
    }
    expect(at(7 + 4, 7)).toBe(0); // outside the radius ceil(3σ) = 3
    const mass = Array.from(out).reduce((a, b) => a + b, 0);
    expect(Math.abs(mass - 255)).toBeLessThanOrEqual(20); // rounding of 49 small values
  });

  it('8x1 step 0|255 at the image border: clamped borders keep the ends, the step is smoothed monotonically', () => {
    const image: Image = { width: 8, height: 1, channels: 1, data: new Uint8Array([0, 0, 0, 0, 255, 255, 255, 255]) };
    const out = Array.from(gaussianBlur(image, 1).data);
    expect(out[0]).toBe(0);
    expect(out[7]).toBe(255);
    for (let i = 1; i < 8; i++) expect(out[i]).toBeGreaterThanOrEqual(out[i - 1]!);
    expect(out[3]! + out[4]!).toBe(255); // antisymmetric around the step
  });

  it('RGBA: alpha copied, not blurred; sigma 0 returns an equal copy', () => {
    const image: Image = {
      width: 3,
      height: 1,
      channels: 4,
      data: new Uint8Array([0, 0, 0, 1, 255, 255, 255, 2, 0, 0, 0, 3]),
    };
    const out = gaussianBlur(image, 1).data;
    expect([out[3], out[7], out[11]]).toEqual([1, 2, 3]);
    expect(out[4]).toBeLessThan(255);
    const copy = gaussianBlur(image, 0);
    expect(copy.data).toEqual(image.data);
    expect(copy.data).not.toBe(image.data);
  });
});

describe('addGaussianNoise', () => {
  it('256x256 RGB at 128, sigma 5: mean ≈ 128, std ≈ 5 (±3%), channels uncorrelated; same seed → same noise', () => {
    const image = constant(256, 256, 3, [128, 128, 128]);
    const out = addGaussianNoise(image, createRng(4), 5).data;
    let sum = 0;
    let sq = 0;
    let cross = 0;
    for (let i = 0; i < out.length; i++) {
      const d = out[i]! - 128;
      sum += d;
      sq += d * d;
      if (i % 3 === 0) cross += d * (out[i + 1]! - 128);
    }
    const n = out.length;
    expect(Math.abs(sum / n)).toBeLessThan(0.05);
    // rounding adds 1/12 to the variance: sqrt(25 + 1/12) = 5.008
    expect(Math.sqrt(sq / n)).toBeGreaterThan(5.008 * 0.97);
    expect(Math.sqrt(sq / n)).toBeLessThan(5.008 * 1.03);
    expect(Math.abs(cross / (n / 3) / 25)).toBeLessThan(0.02);
    const same = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    expect(same(addGaussianNoise(image, createRng(4), 5).data, out)).toBe(true);
    expect(same(addGaussianNoise(image, createRng(5), 5).data, out)).toBe(false);
  });

  it('64x64 black and white images, sigma 40: clamped to 0..255 (about half the values stay at the limit); RGBA alpha kept', () => {
    const black = addGaussianNoise(constant(64, 64, 1, [0]), createRng(1), 40).data;
    const zeros = black.filter((v) => v === 0).length / black.length;
    expect(zeros).toBeGreaterThan(0.45);
    expect(zeros).toBeLessThan(0.56);
    const white = addGaussianNoise(constant(64, 64, 4, [255, 255, 255, 17]), createRng(1), 40).data;
    for (let i = 3; i < white.length; i += 4) expect(white[i]).toBe(17);
    expect(white.filter((v, i) => i % 4 !== 3 && v < 255).length).toBeGreaterThan(0.4 * 64 * 64 * 3);
  });

  it('sigma 0 is the identity (variates still drawn)', () => {
    const image = constant(5, 4, 3, [1, 2, 3]);
    expect(addGaussianNoise(image, createRng(2), 0).data).toEqual(image.data);
  });
});

describe('standardNormal (ziggurat)', () => {
  it('200k variates: mean 0, variance 1, kurtosis 3, tail shares at 1, 2, 3 and 3.5σ as N(0, 1)', () => {
    const rng = createRng(12);
    const n = 200_000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    const beyond = [0, 0, 0, 0];
    const limits = [1, 2, 3, 3.5];
    for (let i = 0; i < n; i++) {
      const x = standardNormal(rng);
      m1 += x;
      m2 += x * x;
      m4 += x * x * x * x;
      for (let k = 0; k < 4; k++) if (Math.abs(x) > limits[k]!) beyond[k]!++;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(0.01);
    expect(Math.abs(m2 / n - 1)).toBeLessThan(0.01);
    expect(Math.abs(m4 / n - 3)).toBeLessThan(0.06);
    const expected = [0.3173105, 0.0455003, 0.0026998, 0.0004653]; // 2·(1 − Φ(k))
    for (let k = 0; k < 4; k++) {
      const sd = Math.sqrt((expected[k]! * (1 - expected[k]!)) / n);
      expect(Math.abs(beyond[k]! / n - expected[k]!)).toBeLessThan(4 * sd);
    }
  });
});
