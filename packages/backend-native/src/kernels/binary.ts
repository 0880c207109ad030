import { util, type KernelConfig } from '@tensorflow/tfjs-core';
import { broadcastPlan } from '../broadcastPlan';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

/** The addon's binary op codes (native/common.h). */
export const BINARY_OPS = Object.freeze({
  Add: 0,
  Sub: 1,
  Multiply: 2,
  RealDiv: 3,
  Maximum: 4,
  Minimum: 5,
  SquaredDifference: 6,
  // qfcn's own, for its gradients (a = dy, b = x): dy·step(x) and dy·2x.
  QfcnReluGrad: 7,
  QfcnSquareGrad: 8,
});

/**
 * A maker of the native kernel for a broadcasting float32 binary op (Add, Sub, Multiply, RealDiv,
 * Maximum, Minimum, SquaredDifference; and qfcn's QfcnReluGrad = a·step(b), QfcnSquareGrad = a·2b).
 *
 * When to use: registered by `registerNativeBackend`; batch-norm and its gradient are made of these.
 *
 * Details: any numpy-style broadcast (the cpu kernel's index arithmetic per element is replaced by
 * collapsed row loops, see `broadcastPlan`); +, -, *, / round like the cpu kernel's JS arithmetic,
 * max/min propagate NaN like Math.max/min. int32, bool and complex operands run on the cpu kernel.
 *
 * Example: `registerKernel(binaryKernel('Multiply')('qfcn-native', addon))`
 */
export function binaryKernel(
  kernelName: keyof typeof BINARY_OPS,
): (backendName: string, addon: NativeAddon) => KernelConfig {
  const op = BINARY_OPS[kernelName];
  return (backendName, addon) =>
    nativeKernel<'a' | 'b'>(kernelName, backendName, addon, ({ inputs, backend }) => {
      const { a, b } = inputs;
      const av = floatValues(backend, a),
        bv = floatValues(backend, b);
      if (!av || !bv) return `${kernelName}: not float32`;
      const plan = broadcastPlan(a.shape, b.shape);
      const out = backend.alloc(util.sizeFromShape(plan.outShape));
      if (out.length > 0) addon.binary(op, plan.out, plan.a, plan.b, av, bv, out);
      return backend.makeTensorInfo(plan.outShape, 'float32', out);
    });
}
