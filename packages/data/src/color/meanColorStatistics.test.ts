import { describe, expect, it } from 'vitest';
import { meanColorStatistics } from './meanColorStatistics';

const px = (...rgb: number[]) => ({
  width: rgb.length / 3,
  height: 1,
  channels: 3 as const,
  data: new Uint8Array(rgb),
});

describe('meanColorStatistics', () => {
  it('a 1x2 white|black image and a 1x1 white one: L means (50 + 100)/2 = 75, L stds (50 + 0)/2 = 25', () => {
    const s = meanColorStatistics([px(255, 255, 255, 0, 0, 0), px(255, 255, 255)]);
    expect(s.mean[0]).toBeCloseTo(75, 4);
    expect(s.std[0]).toBeCloseTo(25, 4);
    for (const c of [1, 2]) expect(s.mean[c]).toBeCloseTo(0, 4);
  });

  it('no images → InvalidArgumentError', () => {
    expect(() => meanColorStatistics([])).toThrowError(/Invalid argument 'images': at least one image/);
  });
});
