import * as tf from '@tensorflow/tfjs-core';
import { unpackWeights } from '@qfcn/quantize';

/**
 * Packed bytes → ordinary tfjs tensors by name (a `tf.NamedTensorMap`).
 *
 * **When to use**: to use packed weights with code that takes plain tensors (your own model
 * function, `model.setWeights`); quantized tensors come back as float32 level values, so inference
 * needs nothing special.
 *
 * **Details**: verifies the file first (`unpackWeights`: magic, version, length, CRC-32), so a
 * corrupt file throws `CorruptFileError` before any tensor is created. The caller owns (disposes)
 * the returned tensors.
 *
 * @example
 * const weights = unpackToTensors(bytes);
 * const y = tf.matMul(x, weights['dense/kernel']);
 */
export function unpackToTensors(bytes: Uint8Array, options: { path?: string } = {}): tf.NamedTensorMap {
  const { tensors } = unpackWeights(bytes, options);
  const out: tf.NamedTensorMap = {};
  for (const t of tensors) out[t.name] = tf.tensor(t.values, t.shape.slice(), 'float32');
  return out;
}
