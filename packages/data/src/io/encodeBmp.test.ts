import { decode as fastBmpDecode } from 'fast-bmp';
import { describe, expect, it } from 'vitest';
import { encodeBmp } from './encodeBmp';
import { readImage } from './readImage';

describe('encodeBmp', () => {
  it('RGB 3x2 → 24-bit BMP: 54-byte header, rows padded 9 → 12 bytes, total 78; read back by fast-bmp too', () => {
    const data = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const bytes = encodeBmp({ width: 3, height: 2, channels: 3, data });
    expect(bytes.length).toBe(54 + 12 * 2);
    expect(new DataView(bytes.buffer).getUint16(28, true)).toBe(24);
    // the first stored row is the bottom row, in BGR order
    expect(Array.from(bytes.subarray(54, 57))).toEqual([3, 2, 1]);
    expect(Array.from(readImage(bytes).data)).toEqual(Array.from(data));
    expect(Array.from(fastBmpDecode(bytes).data as Uint8Array)).toEqual(Array.from(data));
  });

  it('grey 5x1 → 8-bit BMP with a grey palette, read back as 1 channel', () => {
    const data = new Uint8Array([0, 10, 20, 30, 255]);
    const bytes = encodeBmp({ width: 5, height: 1, channels: 1, data });
    expect(bytes.length).toBe(54 + 1024 + 8);
    expect(readImage(bytes)).toEqual({ width: 5, height: 1, channels: 1, data });
  });

  it('GlaS image size 775x522 RGB → 1,215,270 bytes, the size of every GlaS 775x522 image in the manifest', () => {
    const bytes = encodeBmp({ width: 775, height: 522, channels: 3, data: new Uint8Array(775 * 522 * 3) });
    expect(bytes.length).toBe(1215270);
  });

  it('RGBA is rejected', () => {
    expect(() => encodeBmp({ width: 1, height: 1, channels: 4, data: new Uint8Array(4) })).toThrowError(
      /drop alpha first/,
    );
  });
});
