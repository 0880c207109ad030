import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { encodePng } from './encodePng';
import { readImage } from './readImage';

describe('encodePng', () => {
  it('2x1 RGB round-trips through fast-png and readImage', () => {
    const image = { width: 2, height: 1, channels: 3 as const, data: new Uint8Array([255, 0, 0, 0, 0, 255]) };
    const bytes = encodePng(image);
    const png = decode(bytes);
    expect([png.width, png.height, png.channels, png.depth]).toEqual([2, 1, 3, 8]);
    expect(readImage(bytes)).toEqual({
      width: 2,
      height: 1,
      channels: 3,
      data: new Uint8Array([255, 0, 0, 0, 0, 255]),
    });
  });

  it('grey 3x2 and RGBA 1x1 keep their channel count; Uint8ClampedArray input is accepted', () => {
    const grey = { width: 3, height: 2, channels: 1 as const, data: new Uint8ClampedArray([0, 1, 2, 3, 4, 255]) };
    expect(Array.from(readImage(encodePng(grey)).data)).toEqual([0, 1, 2, 3, 4, 255]);
    const rgba = { width: 1, height: 1, channels: 4 as const, data: new Uint8Array([9, 8, 7, 6]) };
    expect(readImage(encodePng(rgba))).toMatchObject({ channels: 4, data: new Uint8Array([9, 8, 7, 6]) });
  });

  it('rejects a data length that does not match width x height x channels, and 2 channels', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrowError(
      "Invalid argument 'image': data has 11 values, 2x2x3 needs 12",
    );
    expect(() => encodePng({ width: 1, height: 1, channels: 2 as 1, data: new Uint8Array(2) })).toThrowError(
      /channels must be 1, 3 or 4/,
    );
    expect(() => encodePng({ width: 0, height: 1, channels: 1, data: new Uint8Array(0) })).toThrowError(
      /positive integers/,
    );
  });
});
