/**
 * qfcn's own fused kernels: the extension points a backend can implement to run a training step in
 * fewer, larger kernels. Each has an op in this folder that runs the kernel when the active backend
 * registers it and otherwise composes stock tfjs ops with the same meaning, so every backend works
 * and none has to implement them.
 *
 * `initBackend` registers JS implementations on `cpu`, `qfcn-native` (any cpu-family backend) and
 * `wasm` (`registerFusedKernels`).
 */

/** One Adam update of one variable: inputs `{ w, g, m, v }`, outputs `[w', m', v']`. */
export const AdamUpdate = 'QfcnAdamUpdate';
export type AdamUpdate = typeof AdamUpdate;

/** Attributes of {@link AdamUpdate}: `m' = β1·m + (1-β1)·g`, `v' = β2·v + (1-β2)·g²`, `w' = w - lr·m' / (√v' + ε)`. */
export interface AdamUpdateAttrs {
  /** Step size, bias corrections already folded in. */
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * Batch normalization with batch statistics over every axis but the last (training mode), NHWC:
 * inputs `{ x, gamma, beta }`, outputs `[y, mean, variance]` (biased variance, as `tf.moments`).
 */
export const BatchNormTraining = 'QfcnBatchNormTraining';
export type BatchNormTraining = typeof BatchNormTraining;

/** Attributes of {@link BatchNormTraining}. */
export interface BatchNormTrainingAttrs {
  varianceEpsilon: number;
}

/**
 * Gradient of {@link BatchNormTraining}: inputs `{ dy, x, gamma, mean, variance, dMean, dVariance }`,
 * outputs `[dx, dGamma, dBeta]`.
 */
export const BatchNormTrainingGrad = 'QfcnBatchNormTrainingGrad';
export type BatchNormTrainingGrad = typeof BatchNormTrainingGrad;

/** Every fused kernel name, for registration and reports. */
export const FUSED_KERNELS = Object.freeze([AdamUpdate, BatchNormTraining, BatchNormTrainingGrad] as const);
