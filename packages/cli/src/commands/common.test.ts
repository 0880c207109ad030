import { describe, expect, it } from 'vitest';
import { asRgb } from './common';

describe('asRgb', () => {
  it('2x1 RGBA → RGB without the alpha values; RGB is returned as it is', () => {
    const rgba = { width: 2, height: 1, channels: 4 as const, data: Uint8Array.of(1, 2, 3, 255, 4, 5, 6, 0) };
    expect(asRgb(rgba, 'a.png')).toEqual({ width: 2, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3, 4, 5, 6) });
    const rgb = { width: 1, height: 1, channels: 3 as const, data: Uint8Array.of(7, 8, 9) };
    expect(asRgb(rgb, 'b.png')).toBe(rgb);
  });

  it('a grey image is refused naming the file', () => {
    const grey = { width: 1, height: 1, channels: 1 as const, data: Uint8Array.of(7) };
    expect(() => asRgb(grey, 'slides/g.png')).toThrowError(/slides\/g\.png.*1-channel \(grey\) image; the FCNs take RGB/s);
  });
});
