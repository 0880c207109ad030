import type { Image } from '@qfcn/contract';
import { encode } from 'fast-png';
import { assertImage } from '../util/validate';

/**
 * Encodes an 8-bit contract `Image` as PNG bytes (grey, RGB or RGBA by its channel count).
 *
 * When to use: sending an image somewhere other than a file (HTTP, a browser); `writePng` writes a
 * file atomically.
 *
 * Details: lossless, 8 bits per sample, no interlace; `readImage(encodePng(image))` returns the same
 * pixels. A malformed image throws `InvalidArgumentError`.
 *
 * @example
 * const bytes = encodePng({ width: 2, height: 1, channels: 3, data: new Uint8Array([255, 0, 0, 0, 0, 255]) });
 */
export function encodePng(image: Image): Uint8Array {
  assertImage(image);
  const data =
    image.data instanceof Uint8Array
      ? image.data
      : new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length);
  return encode({ width: image.width, height: image.height, data, channels: image.channels, depth: 8 });
}
