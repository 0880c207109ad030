import type { LabelMap } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { encode } from 'fast-png';
import { assertLabelMap, maxLabel } from '../util/validate';

/**
 * Encodes a label map as a 16-bit greyscale PNG (the MoNuSeg `_label.png` convention).
 *
 * When to use: saving predicted instance maps so that `readLabelMap` (or any tool) reads the exact
 * labels back.
 *
 * Details: always 16-bit, so files are uniform whatever the label count; labels must lie in
 * [0, 65535] — larger or negative labels throw `InvalidArgumentError` (relabel consecutively first).
 *
 * @example
 * const bytes = encodeLabelMapPng({ width: 3, height: 1, data: new Uint16Array([0, 1, 300]) });
 */
export function encodeLabelMapPng(labelMap: LabelMap): Uint8Array {
  assertLabelMap(labelMap);
  const max = maxLabel(labelMap);
  if (max > 65535) {
    throw new InvalidArgumentError(
      'labelMap',
      `label ${max} does not fit a 16-bit PNG (at most 65535); relabel the objects consecutively`,
    );
  }
  const data = labelMap.data instanceof Uint16Array ? labelMap.data : new Uint16Array(labelMap.data);
  return encode({ width: labelMap.width, height: labelMap.height, data, channels: 1, depth: 16 });
}
