import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, type QuantizationParams, type Quantizer } from '@qfcn/quantize';

/** Options of {@link fakeQuantize}. */
export interface FakeQuantizeOptions {
  /** Fixed per-tensor parameters; default: `quantizer.calibrate` on the current values at every call. */
  params?: QuantizationParams;
  /**
   * Backward pass: `'identity'` (default, the plain straight-through estimator: dL/dx = dL/dq) or
   * `'clipped'` (zero gradient where |x| exceeds the largest |level|, as in many QAT recipes).
   */
  gradient?: 'identity' | 'clipped';
}

/**
 * Straight-through-estimator fake quantization: the forward pass returns the quantized tensor,
 * the backward pass lets the gradient through as if quantization were the identity.
 *
 * **When to use**: quantization-aware training with any quantizer of this package — apply it to a
 * weight inside the loss function (`tf.matMul(x, fakeQuantize(w, q))`) and train the float
 * shadow weights; the alternative to INQ's freeze-and-retrain.
 *
 * **Details**: built on `tf.customGrad`. The forward pass downloads the values (`dataSync`),
 * quantizes them with the typed-array core (bit-identical to `quantizer.quantize`) and uploads the
 * result — fine for weights, not meant for large activations. Only float32 tensors; NaN/∞ throw
 * the quantizers' errors. The result is a new tensor (dispose it or call inside `tf.tidy`).
 *
 * @example
 * const q = uniformQuantizer({ bits: 4 });
 * const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, tf.matMul(x, fakeQuantize(w, q))));
 */
export function fakeQuantize(x: tf.Tensor, quantizer: Quantizer, options: FakeQuantizeOptions = {}): tf.Tensor {
  if (!x || typeof (x as tf.Tensor).dataSync !== 'function')
    throw new InvalidArgumentError('x', 'expected a tf.Tensor');
  if (x.dtype !== 'float32') throw new InvalidArgumentError('x', `is ${x.dtype}; fake quantization needs float32`);
  if (!quantizer || typeof quantizer.quantize !== 'function')
    throw new InvalidArgumentError('quantizer', 'expected a Quantizer');
  const gradient = options.gradient ?? 'identity';
  if (gradient !== 'identity' && gradient !== 'clipped') {
    throw new InvalidArgumentError('gradient', `expected 'identity' or 'clipped', got ${String(gradient)}`);
  }
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const values = input.dataSync() as Float32Array;
    const params = options.params ?? quantizer.calibrate(values);
    const value = tf.tensor(quantizer.quantize(values, params), input.shape, 'float32');
    let limit = 0;
    if (gradient === 'clipped') {
      for (const level of quantizer.levels(params)) limit = Math.max(limit, Math.abs(level));
      save([input]);
    }
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        gradient === 'clipped' ? tf.mul(dy, tf.cast(tf.lessEqual(tf.abs(saved[0]!), limit), 'float32')) : tf.clone(dy),
    };
  });
  return op(x);
}
