import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/createRng';
import { colorStatistics } from './colorStatistics';
import { matchColorStatistics } from './matchColorStatistics';

/** 32x32 seeded H&E-like tile: pink background, purple blobs, noise. */
function tile(seed: number, tint: [number, number, number] = [0, 0, 0]) {
  const rng = createRng(seed);
  const data = new Uint8Array(32 * 32 * 3);
  for (let i = 0; i < 1024; i++) {
    const nucleus = (i % 32) % 8 < 3 && Math.floor(i / 32) % 8 < 3;
    const base = nucleus ? [110, 60, 130] : [215, 160, 190];
    for (let c = 0; c < 3; c++)
      data[3 * i + c] = Math.max(0, Math.min(255, base[c]! + tint[c]! + Math.round(rng.next() * 20 - 10)));
  }
  return { width: 32, height: 32, channels: 3 as const, data };
}

describe('matchColorStatistics', () => {
  it('32x32 pale tile matched to a darker tile: its Lab means and stds become the target (within 8-bit rounding)', () => {
    const target = colorStatistics(tile(1));
    const pale = tile(2, [30, 40, 20]);
    expect(Math.abs(colorStatistics(pale).mean[0] - target.mean[0])).toBeGreaterThan(5);
    const got = colorStatistics(matchColorStatistics(pale, target));
    for (let c = 0; c < 3; c++) {
      expect(Math.abs(got.mean[c]! - target.mean[c]!)).toBeLessThan(0.3);
      expect(Math.abs(got.std[c]! - target.std[c]!)).toBeLessThan(0.3);
    }
  });

  it('matched to its own statistics, a tile comes back unchanged', () => {
    const image = tile(3);
    expect(Array.from(matchColorStatistics(image, colorStatistics(image)).data)).toEqual(Array.from(image.data));
  });

  it('a flat 2x2 grey (128) tile is only shifted: to mean L 60 it becomes one lighter grey', () => {
    const flat = { width: 2, height: 2, channels: 4 as const, data: new Uint8Array(16).fill(128) };
    const out = matchColorStatistics(flat, { mean: [60, 0, 0], std: [5, 5, 5] });
    const px = Array.from(out.data.subarray(0, 4));
    expect(px[0]).toBeGreaterThan(128);
    expect(px[0]).toBe(px[1]);
    expect(px[1]).toBe(px[2]);
    expect(px[3]).toBe(128); // alpha kept
    expect(new Set(out.data).size).toBe(2);
    expect(colorStatistics(out).mean[0]).toBeCloseTo(60, 0);
  });

  it('bad targets → InvalidArgumentError naming the field; the input is not modified', () => {
    const image = tile(4);
    const copy = Array.from(image.data);
    expect(() => matchColorStatistics(image, { mean: [1, 2], std: [1, 1, 1] } as never)).toThrowError(
      /Invalid argument 'target.mean'/,
    );
    expect(() => matchColorStatistics(image, { mean: [1, 2, 3], std: [1, -1, 1] })).toThrowError(
      /Invalid argument 'target.std': must be 3 finite numbers ≥ 0/,
    );
    expect(Array.from(image.data)).toEqual(copy);
  });
});
