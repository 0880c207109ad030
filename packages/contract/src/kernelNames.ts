/**
 * Every kernel qfcn adds to tfjs, by name, with its protocol (inputs, attributes, outputs): the one
 * contract file of these extension points (as tfjs-core's `kernel_names.ts`). Backends implement
 * them; ops run them.
 *
 * Fused training kernels (`AdamUpdate`, `BatchNormTraining`, `BatchNormTrainingGrad`): each has an
 * op in `@qfcn/backend` that runs the kernel when the active backend registers it and otherwise
 * composes stock tfjs ops with the same meaning, so every backend works and none has to implement
 * them; `initBackend` registers JS implementations on `cpu`, `qfcn-native` and `wasm`.
 *
 * Native gradient helpers (`BatchNormGradStats`, `ReluGrad`, `SquareGrad`): registered and used by
 * `@qfcn/backend-native` only, inside the gradients it installs.
 */

/** The prefix of every qfcn kernel name (tfjs' own kernels never start with it). */
export const QFCN_KERNEL_PREFIX = 'Qfcn';

/** One Adam update of one variable: inputs `{ w, g, m, v }`, outputs `[w', m', v']`. */
export const AdamUpdate = 'QfcnAdamUpdate';
export type AdamUpdate = typeof AdamUpdate;

/** Inputs of {@link AdamUpdate} (`T`: the backend's tensor handle, e.g. tfjs' `TensorInfo`). */
export interface AdamUpdateInputs<T> {
  /** The variable's value. */
  w: T;
  /** Its gradient. */
  g: T;
  /** First-moment estimate. */
  m: T;
  /** Second-moment estimate. */
  v: T;
}

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

/** Inputs of {@link BatchNormTraining}: `x` `[..., C]`, `gamma` and `beta` `[C]`. */
export interface BatchNormTrainingInputs<T> {
  x: T;
  gamma: T;
  beta: T;
}

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

/** Inputs of {@link BatchNormTrainingGrad}: the forward inputs and outputs and the outputs' gradients. */
export interface BatchNormTrainingGradInputs<T> {
  dy: T;
  x: T;
  gamma: T;
  mean: T;
  variance: T;
  dMean: T;
  dVariance: T;
}

/** Every fused kernel name, for registration and reports. */
export const FUSED_KERNELS = Object.freeze([AdamUpdate, BatchNormTraining, BatchNormTrainingGrad] as const);

/**
 * The two per-channel sums a batch-norm gradient needs, in one pass: inputs `{ x, dy, mean }`
 * (`x`, `dy` `[..., C]`, `mean` `[C]`), outputs `[Σ dy, Σ dy·(x − mean)]`, both `[C]`.
 */
export const BatchNormGradStats = 'QfcnBatchNormGradStats';
export type BatchNormGradStats = typeof BatchNormGradStats;

/** ReLU's gradient: inputs `{ a: dy, b: x }`, output `dy` where `x > 0`, else 0. */
export const ReluGrad = 'QfcnReluGrad';
export type ReluGrad = typeof ReluGrad;

/** Square's gradient: inputs `{ a: dy, b: x }`, output `2·x·dy`. */
export const SquareGrad = 'QfcnSquareGrad';
export type SquareGrad = typeof SquareGrad;
