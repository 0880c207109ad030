import { backend_util, util, type KernelConfig, type SumAttrs } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';
import { reducePlan } from '../reducePlan';

/**
 * A maker of the native `Sum` or `Mean` kernel over any contiguous block of axes, without the
 * transpose the cpu kernel makes when the axes are not the innermost.
 *
 * When to use: registered by `registerNativeBackend`; batch-norm statistics and the bias/scale
 * gradients reduce NHWC maps over [0, 1, 2].
 *
 * Details: accumulates in double in a fixed chunk order (same result for any thread count;
 * within one float32 rounding of the cpu kernel's sequential double sum). float32 only; axes that
 * are not one contiguous block (ignoring size-1 dims), empty tensors and other dtypes run on the
 * cpu kernel. `keepDims` as tfjs.
 *
 * Example: `registerKernel(reduceKernel('Mean')('qfcn-native', addon))`
 */
export function reduceKernel(kernelName: 'Sum' | 'Mean'): (backendName: string, addon: NativeAddon) => KernelConfig {
  const op = kernelName === 'Sum' ? 0 : 1;
  return (backendName, addon) =>
    nativeKernel<'x'>(kernelName, backendName, addon, ({ inputs, attrs, backend }) => {
      const { x } = inputs;
      const { axis, keepDims } = attrs as unknown as SumAttrs;
      const xv = floatValues(backend, x);
      if (!xv) return `${kernelName}: not float32`;
      if (xv.length === 0) return `${kernelName}: empty tensor`;
      const axes = util.parseAxisParam(axis, x.shape);
      const plan = reducePlan(x.shape, axes);
      if (!plan) return `${kernelName}: axes [${axes}] of [${x.shape}] are not contiguous`;
      let outShape = x.shape.filter((_, d) => !axes.includes(d));
      if (keepDims) outShape = backend_util.expandShapeToKeepDim(outShape, axes);
      const y = backend.alloc(plan.outer * plan.inner);
      addon.reduce(op, plan.outer, plan.r, plan.inner, xv, y);
      return backend.makeTensorInfo(outShape, 'float32', y);
    });
}
