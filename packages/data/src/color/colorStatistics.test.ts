import { describe, expect, it } from 'vitest';
import { colorStatistics } from './colorStatistics';

describe('colorStatistics', () => {
  it('1x2 white and black: L mean 50, std 50; a and b 0', () => {
    const s = colorStatistics({ width: 1, height: 2, channels: 3, data: new Uint8Array([255, 255, 255, 0, 0, 0]) });
    expect(s.mean[0]).toBeCloseTo(50, 4);
    expect(s.std[0]).toBeCloseTo(50, 4);
    for (const c of [1, 2]) {
      expect(s.mean[c]).toBeCloseTo(0, 4);
      expect(s.std[c]).toBeCloseTo(0, 4);
    }
  });

  it('2x1 RGBA red and blue (alpha ignored): means and stds of their Lab (53.24, 80.09, 67.20) and (32.30, 79.19, -107.86)', () => {
    const s = colorStatistics({ width: 2, height: 1, channels: 4, data: new Uint8Array([255, 0, 0, 7, 0, 0, 255, 0]) });
    const red = [53.2408, 80.0925, 67.2032];
    const blue = [32.297, 79.1875, -107.8602];
    for (let c = 0; c < 3; c++) {
      expect(s.mean[c]).toBeCloseTo((red[c]! + blue[c]!) / 2, 2);
      expect(s.std[c]).toBeCloseTo(Math.abs(red[c]! - blue[c]!) / 2, 2);
    }
  });

  it('a grey image or a malformed one → InvalidArgumentError', () => {
    expect(() => colorStatistics({ width: 1, height: 1, channels: 1, data: new Uint8Array([9]) })).toThrowError(
      /colour statistics need RGB or RGBA, got 1 channel/,
    );
    expect(() => colorStatistics({ width: 2, height: 1, channels: 3, data: new Uint8Array(3) })).toThrowError(
      /Invalid argument 'image'/,
    );
  });
});
