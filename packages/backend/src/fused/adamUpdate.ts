import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@qfcn/contract';
import { AdamUpdate, type AdamUpdateAttrs } from './kernelNames';

/**
 * One Adam step for one variable, as a single fused kernel where the backend has one.
 *
 * When to use: in your own optimizer, to update a variable in one kernel call instead of a dozen
 * (on a small FCN, Adam's element-wise ops are a third of all kernel calls of a training step).
 *
 * Details: returns `m' = β1·m + (1-β1)·g`, `v' = β2·v + (1-β2)·g²` and `w' = w - lr·m'/(√v' + ε)`
 * (fold Adam's bias corrections into `learningRate`), float32, rounded after every operation as the
 * composed ops are, so the fused kernel (`QfcnAdamUpdate`, registered by `initBackend` on cpu,
 * qfcn-native and wasm) and the fallback composition give identical bits. Not differentiable;
 * the caller assigns the results and disposes them (use it inside `tf.tidy`).
 *
 * @example
 * tf.tidy(() => {
 *   const next = adamUpdate(w, grad, m, v, { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
 *   w.assign(next.w); m.assign(next.m); v.assign(next.v);
 * });
 */
export function adamUpdate(
  w: tf.Tensor,
  g: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  attrs: AdamUpdateAttrs,
): { w: tf.Tensor; m: tf.Tensor; v: tf.Tensor } {
  for (const [name, t] of [
    ['g', g],
    ['m', m],
    ['v', v],
  ] as const) {
    if (!tf.util.arraysEqual(t.shape, w.shape)) {
      throw new InvalidArgumentError(name, `shape [${t.shape}] differs from the variable's [${w.shape}]`);
    }
  }
  for (const [name, t] of [
    ['w', w],
    ['g', g],
    ['m', m],
    ['v', v],
  ] as const) {
    if (t.dtype !== 'float32') throw new InvalidArgumentError(name, `expected float32, got ${t.dtype}`);
  }
  if (tf.getKernel(AdamUpdate, tf.getBackend()) != null) {
    const [w1, m1, v1] = tf.engine().runKernel(AdamUpdate, { w, g, m, v }, attrs as unknown as tf.NamedAttrMap) as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    return { w: w1, m: m1, v: v1 };
  }
  return tf.tidy(() => {
    const m1 = tf.add(tf.mul(m, tf.scalar(attrs.beta1)), tf.mul(g, tf.scalar(1 - attrs.beta1)));
    const v1 = tf.add(tf.mul(v, tf.scalar(attrs.beta2)), tf.mul(tf.square(g), tf.scalar(1 - attrs.beta2)));
    const step = tf.div(tf.mul(m1, tf.scalar(attrs.learningRate)), tf.add(tf.sqrt(v1), tf.scalar(attrs.epsilon)));
    return { w: tf.sub(w, step), m: m1, v: v1 };
  });
}
