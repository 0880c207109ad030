import { InvalidArgumentError, saveWeightsFile } from '@qfcn/quantize';
import type { WeightSource } from './internal';
import { modelWeightTensors, type PackModelOptions } from './packModel';

/**
 * Packs a tfjs model's weights (`packModel`) and writes them to `path` atomically (tmp + rename).
 *
 * **When to use**: to save an INQ-trained model at its quantized size; `loadPackedModel` reads it
 * back into a model of the same architecture.
 *
 * **Details**: returns the number of bytes written. Errors of `packModel` are thrown before
 * anything is written.
 *
 * @example
 * await savePackedModel('unet-5bit.qfcn', model, { inq });
 */
export async function savePackedModel(
  path: string,
  source: WeightSource,
  options: PackModelOptions = {},
): Promise<number> {
  if (typeof path !== 'string' || path.length === 0)
    throw new InvalidArgumentError('path', 'expected a non-empty file path');
  return saveWeightsFile(path, modelWeightTensors(source, options));
}
