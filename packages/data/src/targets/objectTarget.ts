import type { LabelMap } from '@qfcn/contract';
import { assertLabelMap } from '../util/validate';

/**
 * The gland-object training target: 1 where any object is (label > 0), 0 on background.
 *
 * When to use: the object head of the FCN learns this map; pair it with `contourTarget`.
 *
 * Details: returns a new `Uint8Array` of `width × height`, row-major.
 *
 * @example
 * objectTarget({ width: 3, height: 1, data: new Uint8Array([0, 4, 7]) }); // Uint8Array [0, 1, 1]
 */
export function objectTarget(labelMap: LabelMap): Uint8Array {
  assertLabelMap(labelMap);
  const { data } = labelMap;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] !== 0 ? 1 : 0;
  return out;
}
