import type { Image } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { assertImage } from '../util/validate';

/** Writes the 14-byte file header and 40-byte BITMAPINFOHEADER (bottom-up, BI_RGB, 72 dpi). */
export function bmpHeaders(
  width: number,
  height: number,
  bpp: number,
  paletteColors: number,
): { bytes: Uint8Array; rowSize: number; pixelOffset: number } {
  const rowSize = Math.floor((bpp * width + 31) / 32) * 4;
  const pixelOffset = 54 + paletteColors * 4;
  const size = pixelOffset + rowSize * height;
  const bytes = new Uint8Array(size);
  const v = new DataView(bytes.buffer);
  bytes[0] = 0x42;
  bytes[1] = 0x4d;
  v.setUint32(2, size, true);
  v.setUint32(10, pixelOffset, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, width, true);
  v.setInt32(22, height, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, bpp, true);
  v.setUint32(30, 0, true);
  v.setUint32(34, rowSize * height, true);
  v.setInt32(38, 2835, true);
  v.setInt32(42, 2835, true);
  v.setUint32(46, paletteColors, true);
  v.setUint32(50, 0, true);
  return { bytes, rowSize, pixelOffset };
}

/**
 * Encodes an `Image` as an uncompressed Windows BMP: RGB → 24-bit (as the GlaS images), grey → 8-bit
 * with a grey palette.
 *
 * When to use: writing data in the GlaS file layout (the synthetic dataset does); anything else is
 * better served by PNG.
 *
 * Details: BITMAPINFOHEADER, bottom-up rows padded to 4 bytes, 2835 px/m. BMP has no standard
 * 8-bit RGBA form, so 4-channel images throw `InvalidArgumentError` (drop the alpha channel first).
 *
 * @example
 * writeFileSync('train_1.bmp', encodeBmp(image));
 */
export function encodeBmp(image: Image): Uint8Array {
  assertImage(image);
  const { width, height, channels, data } = image;
  if (channels === 4)
    throw new InvalidArgumentError(
      'image',
      'BMP output supports grey (1) or RGB (3) channels, got 4 (drop alpha first)',
    );
  if (channels === 1) {
    const { bytes, rowSize, pixelOffset } = bmpHeaders(width, height, 8, 256);
    for (let i = 0; i < 256; i++) bytes.set([i, i, i, 0], 54 + i * 4);
    for (let y = 0; y < height; y++) {
      bytes.set(data.subarray(y * width, (y + 1) * width), pixelOffset + (height - 1 - y) * rowSize);
    }
    return bytes;
  }
  const { bytes, rowSize, pixelOffset } = bmpHeaders(width, height, 24, 0);
  for (let y = 0; y < height; y++) {
    let dst = pixelOffset + (height - 1 - y) * rowSize;
    let src = y * width * 3;
    for (let x = 0; x < width; x++, src += 3, dst += 3) {
      bytes[dst] = data[src + 2]!;
      bytes[dst + 1] = data[src + 1]!;
      bytes[dst + 2] = data[src]!;
    }
  }
  return bytes;
}
