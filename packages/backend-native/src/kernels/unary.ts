import type { KernelConfig } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

/** The addon's unary op codes (native/common.h). */
export const UNARY_OPS = Object.freeze({
  Relu: 0,
  Step: 1,
  Square: 2,
  Sqrt: 3,
  Rsqrt: 4,
  Neg: 5,
  Sigmoid: 6,
  Exp: 7,
  Log: 8,
  Abs: 9,
});

/**
 * A maker of the native kernel for a float32 unary op (Relu, Step, Square, Sqrt, Rsqrt, Neg,
 * Sigmoid, Exp, Log, Abs).
 *
 * When to use: registered by `registerNativeBackend`; ReLU and its gradient (Step) run on every
 * activation map of a training step.
 *
 * Details: same values as the cpu kernel (transcendentals in double, rounded once; Relu keeps
 * NaN; Step returns NaN for NaN, 1 above 0, else `attrs.alpha`, default 0). Other dtypes run on the
 * cpu kernel.
 *
 * Example: `registerKernel(unaryKernel('Relu')('qfcn-native', addon))`
 */
export function unaryKernel(
  kernelName: keyof typeof UNARY_OPS,
): (backendName: string, addon: NativeAddon) => KernelConfig {
  const op = UNARY_OPS[kernelName];
  return (backendName, addon) =>
    nativeKernel<'x'>(kernelName, backendName, addon, ({ inputs, attrs, backend }) => {
      const { x } = inputs;
      const xv = floatValues(backend, x);
      if (!xv) return `${kernelName}: not float32`;
      const y = backend.alloc(xv.length);
      const alpha = kernelName === 'Step' ? Number((attrs as { alpha?: number }).alpha ?? 0) : 0;
      addon.unary(op, alpha, xv, y);
      return backend.makeTensorInfo(x.shape, 'float32', y);
    });
}
