import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, packWeights, type QuantizationParams, type WeightTensor } from '@qfcn/quantize';
import { collectWeights } from './collectWeights';
import { readFloat32, type WeightSource } from './internal';

/** Options of {@link packModel}. */
export interface PackModelOptions {
  /** The (finished) INQ run whose quantized tensors are stored as codes. */
  inq?: { params(): Map<string, QuantizationParams> };
  /** Quantization params by weight name, for weights quantized some other way (merged with `inq`'s). */
  params?: ReadonlyMap<string, QuantizationParams> | Readonly<Record<string, QuantizationParams>>;
}

/**
 * The weights of a tfjs model as `WeightTensor`s ready for `packWeights` / `sizeReport`:
 * quantized tensors carry their params, all others are plain float32.
 *
 * **When to use**: to build a size report of a model or to pack it with extra tensors of your own.
 *
 * **Details**: every weight of the source (`collectWeights`: for a LayersModel all of
 * `model.weights`, trainable or not), in order, copied out of tfjs. Names in `options.params` that
 * the model lacks throw `InvalidArgumentError`.
 *
 * @example
 * sizeReport(modelWeightTensors(model, { inq }));
 */
export function modelWeightTensors(source: WeightSource, options: PackModelOptions = {}): WeightTensor[] {
  const variables = collectWeights(source);
  const params = new Map<string, QuantizationParams>(options.inq ? options.inq.params() : []);
  const extra = options.params instanceof Map ? [...options.params] : Object.entries(options.params ?? {});
  for (const [name, p] of extra) params.set(name, p);
  for (const name of params.keys()) {
    if (!variables.has(name)) throw new InvalidArgumentError('params', `the model has no weight named '${name}'`);
  }
  return [...variables].map(([name, v]: [string, tf.Variable]) => {
    const values = readFloat32(v, name);
    const quantization = params.get(name);
    return quantization
      ? { name, shape: v.shape.slice(), values, quantization }
      : { name, shape: v.shape.slice(), values };
  });
}

/**
 * Packs a tfjs model's weights into the bit-packed format (`packWeights`): INQ-quantized kernels
 * as b-bit codes plus `n1`, everything else float32.
 *
 * **When to use**: after INQ has finished, to get the model at its real quantized size as bytes
 * (see `savePackedModel` for disk; `loadPackedWeights` sets them back).
 *
 * **Details**: see `modelWeightTensors`. A quantized weight that is not exactly a level (INQ not
 * finished) throws `NotOnLevelError` — call `inq.finish()` first.
 *
 * @example
 * inq.finish();
 * const bytes = packModel(model, { inq });
 */
export function packModel(source: WeightSource, options: PackModelOptions = {}): Uint8Array {
  return packWeights(modelWeightTensors(source, options));
}
