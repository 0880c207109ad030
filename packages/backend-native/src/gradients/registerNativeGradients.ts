import { getGradient, registerGradient, type GradConfig } from '@tensorflow/tfjs-core';
import { fusedBatchNormGrad } from './fusedBatchNormGrad';
import { reduceGrad } from './reduceGrad';
import { reluGrad } from './reluGrad';
import { squareGrad } from './squareGrad';

const WRAPPED = Symbol.for('qfcn.nativeGradient');

const WRAPPERS: Record<string, (original: GradConfig, backendName: string) => GradConfig> = {
  FusedBatchNorm: fusedBatchNormGrad,
  Mean: reduceGrad,
  Sum: reduceGrad,
  Square: squareGrad,
  Relu: reluGrad,
};

/**
 * Installs qfcn-native's fused gradients for FusedBatchNorm, Mean, Sum, Square and Relu — the
 * gradients that make a conv net's backward pass on the cpu backend mostly element-wise traffic.
 *
 * When to use: called by `registerNativeBackend`.
 *
 * Details: tfjs keeps ONE gradient per kernel for all backends, so each installed gradient wraps
 * the one registered before it and calls it unchanged unless the current backend is
 * `backendName` and the gradient is first-order (see `nativeGradActive`): other backends and
 * higher-order gradients behave exactly as before. Idempotent. Returns the kernel names wrapped.
 *
 * Example: `registerNativeGradients('qfcn-native')` → ['FusedBatchNorm', 'Mean', 'Sum', 'Square', 'Relu']
 */
export function registerNativeGradients(backendName: string): string[] {
  const wrapped: string[] = [];
  for (const [kernelName, wrap] of Object.entries(WRAPPERS)) {
    const original = getGradient(kernelName);
    if (!original) continue;
    if (!(original as GradConfig & { [WRAPPED]?: string })[WRAPPED]) {
      registerGradient(Object.assign(wrap(original, backendName), { [WRAPPED]: backendName }));
    }
    wrapped.push(kernelName);
  }
  return wrapped;
}
