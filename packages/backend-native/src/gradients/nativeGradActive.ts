import { engine, getBackend } from '@tensorflow/tfjs-core';

/**
 * Whether a gradient being computed now may use qfcn-native's fused gradient kernels.
 *
 * When to use: first thing in every gradient function `registerNativeGradients` installs.
 *
 * Details: true when the current backend is `backendName` and no gradient tape is recording the
 * backward pass (first-order gradients). Higher-order gradients (tf.grad of tf.grad) and every
 * other backend get tfjs's own gradient functions, unchanged.
 *
 * Example: `if (!nativeGradActive('qfcn-native')) return original.gradFunc(dy, saved, attrs);`
 */
export function nativeGradActive(backendName: string): boolean {
  if (getBackend() !== backendName) return false;
  const state = (engine() as unknown as { state: { gradientDepth: number } }).state;
  return state.gradientDepth === 0;
}
