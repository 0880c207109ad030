import { InvalidArgumentError, loadWeightsFile } from '@qfcn/quantize';
import type { WeightSource } from './internal';
import { setModelWeights, type SetWeightsOptions } from './setModelWeights';

/**
 * Reads a packed weights file (written by `savePackedModel`) into a tfjs model.
 *
 * **When to use**: to restore a quantized model from disk for inference.
 *
 * **Details**: `loadWeightsFile` (verified; `CorruptFileError` names the path), then
 * `setModelWeights` with the same options. Returns `{ match, count }`.
 *
 * @example
 * await loadPackedModel('unet-5bit.qfcn', buildModel());
 */
export async function loadPackedModel(
  path: string,
  target: WeightSource,
  options: Omit<SetWeightsOptions, 'path'> = {},
): Promise<{ match: 'name' | 'order'; count: number }> {
  if (typeof path !== 'string' || path.length === 0)
    throw new InvalidArgumentError('path', 'expected a non-empty file path');
  const { tensors } = await loadWeightsFile(path);
  return setModelWeights(target, tensors, { ...options, path });
}
