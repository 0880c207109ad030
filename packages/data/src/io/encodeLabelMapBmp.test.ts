import { describe, expect, it } from 'vitest';
import { encodeLabelMapBmp } from './encodeLabelMapBmp';
import { readImage } from './readImage';
import { readLabelMap } from './readLabelMap';

describe('encodeLabelMapBmp', () => {
  it('3x2 labels 0..2 → 8-bit palettised BMP whose indices read back as the labels', () => {
    const data = new Uint8Array([0, 1, 1, 2, 2, 0]);
    const bytes = encodeLabelMapBmp({ width: 3, height: 2, data });
    expect(new DataView(bytes.buffer).getUint16(28, true)).toBe(8);
    expect(readLabelMap(bytes)).toEqual({ width: 3, height: 2, data });
    // as a picture, background is black and labels are coloured
    const image = readImage(bytes);
    expect(image.channels).toBe(3);
    expect(Array.from(image.data.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(image.data.subarray(3, 6))).not.toEqual([0, 0, 0]);
  });

  it('GlaS annotation size 775x522 → 406,150 bytes, the size of the GlaS 775x522 annotations in the manifest', () => {
    expect(encodeLabelMapBmp({ width: 775, height: 522, data: new Uint8Array(775 * 522) }).length).toBe(406150);
  });

  it('label 256 does not fit', () => {
    expect(() => encodeLabelMapBmp({ width: 1, height: 1, data: new Uint16Array([256]) })).toThrowError(
      /label 256 does not fit an 8-bit palettised BMP/,
    );
  });
});
