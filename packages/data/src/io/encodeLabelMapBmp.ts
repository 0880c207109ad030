import type { LabelMap } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { labelColor } from '../overlay/labelColor';
import { assertLabelMap, maxLabel } from '../util/validate';
import { bmpHeaders } from './encodeBmp';

/**
 * Encodes a label map as an 8-bit palettised BMP whose palette INDICES are the labels — the format
 * of the GlaS `*_anno.bmp` annotations.
 *
 * When to use: writing annotations in the GlaS layout; `readLabelMap` reads the indices back.
 *
 * Details: 256-entry palette, index 0 black and each label its `labelColor`, so the file also looks
 * right in an image viewer. Labels must lie in [0, 255], else `InvalidArgumentError`.
 *
 * @example
 * writeFileSync('train_1_anno.bmp', encodeLabelMapBmp(labels));
 */
export function encodeLabelMapBmp(labelMap: LabelMap): Uint8Array {
  assertLabelMap(labelMap);
  const max = maxLabel(labelMap);
  if (max > 255)
    throw new InvalidArgumentError('labelMap', `label ${max} does not fit an 8-bit palettised BMP (at most 255)`);
  const { width, height, data } = labelMap;
  const { bytes, rowSize, pixelOffset } = bmpHeaders(width, height, 8, 256);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = labelColor(i);
    bytes.set([b, g, r, 0], 54 + i * 4);
  }
  for (let y = 0; y < height; y++) {
    const dst = pixelOffset + (height - 1 - y) * rowSize;
    for (let x = 0; x < width; x++) bytes[dst + x] = data[y * width + x]!;
  }
  return bytes;
}
