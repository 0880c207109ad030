import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@qfcn/contract';
import { BatchNormTraining, BatchNormTrainingGrad, type BatchNormTrainingAttrs } from './kernelNames';

/**
 * Batch normalization of an NHWC tensor with the batch's own statistics (training mode): one
 * forward kernel and one backward kernel where the backend has them.
 *
 * When to use: in a layer's training path, instead of `tf.moments` + `tf.batchNorm` (five kernels
 * over the activation forward and about ten backward); `@qfcn/fcn` uses it for its batch-norm
 * layers while training.
 *
 * Details: returns `y = γ(x-μ)/√(σ²+ε) + β` with `μ`, `σ²` the per-channel mean and biased variance
 * over every axis but the last (as `tf.moments`), and those statistics (shape `[channels]`, for the
 * moving averages). Differentiable in `x`, `γ`, `β`, through all three outputs. With the fused
 * kernels (`QfcnBatchNormTraining` / `QfcnBatchNormTrainingGrad`, registered by `initBackend` on
 * cpu, qfcn-native and wasm) statistics are accumulated in float64, so results differ from the
 * composed float32 ops in the last bits; other backends run the composition.
 *
 * @example
 * const { y, mean, variance } = batchNormTraining(x, gamma, beta, 1e-3);
 */
export function batchNormTraining(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  varianceEpsilon: number,
): { y: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  const channels = x.shape[x.rank - 1];
  if (x.rank < 2)
    throw new InvalidArgumentError('x', `expected rank 2 or more (channels last), got shape [${x.shape}]`);
  for (const [name, t] of [
    ['gamma', gamma],
    ['beta', beta],
  ] as const) {
    if (t.rank !== 1 || t.shape[0] !== channels) {
      throw new InvalidArgumentError(
        name,
        `expected shape [${channels}] (the channels of x [${x.shape}]), got [${t.shape}]`,
      );
    }
  }
  if (!(varianceEpsilon >= 0))
    throw new InvalidArgumentError('varianceEpsilon', `expected ≥ 0, got ${varianceEpsilon}`);
  if (tf.getKernel(BatchNormTraining, tf.getBackend()) != null) {
    registerGradientOnce();
    const attrs: BatchNormTrainingAttrs = { varianceEpsilon };
    const [y, mean, variance] = tf
      .engine()
      .runKernel(BatchNormTraining, { x, gamma, beta }, attrs as unknown as tf.NamedAttrMap) as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    return { y, mean, variance };
  }
  return composed(x, gamma, beta, varianceEpsilon);
}

function composed(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number) {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  const y = tf.tidy(() => tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), gamma), beta));
  return { y, mean, variance };
}

let gradientRegistered = false;

function registerGradientOnce(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: BatchNormTraining,
    inputsToSave: ['x', 'gamma'],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      // three outputs' gradients; the saved inputs x, gamma, then the saved outputs mean, variance
      const [dy, dMean, dVariance] = dys as [tf.Tensor, tf.Tensor, tf.Tensor];
      const [x, gamma, mean, variance] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const eps = (attrs as unknown as BatchNormTrainingAttrs).varianceEpsilon;
      let grads: [tf.Tensor, tf.Tensor, tf.Tensor];
      if (tf.getKernel(BatchNormTrainingGrad, tf.getBackend()) != null) {
        grads = tf
          .engine()
          .runKernel(
            BatchNormTrainingGrad,
            { dy, x, gamma, mean, variance, dMean, dVariance },
            attrs as tf.NamedAttrMap,
          ) as [tf.Tensor, tf.Tensor, tf.Tensor];
      } else {
        grads = composedGrad(dy, x, gamma, mean, variance, dMean, dVariance, eps);
      }
      return { x: () => grads[0], gamma: () => grads[1], beta: () => grads[2] };
    },
  });
}

function composedGrad(
  dy: tf.Tensor,
  x: tf.Tensor,
  gamma: tf.Tensor,
  mean: tf.Tensor,
  variance: tf.Tensor,
  dMean: tf.Tensor,
  dVariance: tf.Tensor,
  eps: number,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return tf.tidy((): [tf.Tensor, tf.Tensor, tf.Tensor] => {
    const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
    const pixels = x.size / x.shape[x.rank - 1]!;
    const r = tf.rsqrt(tf.add(variance, eps));
    const centered = tf.sub(x, mean);
    const xHat = tf.mul(centered, r);
    const dBeta = tf.sum(dy, axes);
    const dGamma = tf.sum(tf.mul(dy, xHat), axes);
    const inner = tf.sub(tf.sub(dy, tf.div(dBeta, pixels)), tf.mul(xHat, tf.div(dGamma, pixels)));
    const dx = tf.add(
      tf.add(tf.mul(inner, tf.mul(gamma, r)), tf.div(dMean, pixels)),
      tf.mul(centered, tf.mul(dVariance, 2 / pixels)),
    );
    return [dx, dGamma, dBeta];
  });
}
