import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';
// Name and protocol: `BatchNormGradStats` of @qfcn/contract's kernelNames (registered on qfcn-native only).
import { BatchNormGradStats } from '@qfcn/contract';

/**
 * The `QfcnBatchNormGradStats` kernel: for `x`, `dy` of shape `[..., C]` and `mean` `[C]`, the two
 * per-channel sums a batch-norm gradient needs, `Σ dy` and `Σ dy·(x − mean)`, in one pass.
 *
 * When to use: by qfcn-native's FusedBatchNorm gradient (see `registerNativeGradients`).
 *
 * Details: float32; sums in double in a fixed order. Two outputs, both `[C]`.
 *
 * Example: `tf.engine().runKernel('QfcnBatchNormGradStats', { x, dy, mean }, {})` → [sumDy, sumDyXc]
 */
export function batchNormGradStatsKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'x' | 'dy' | 'mean'>(BatchNormGradStats, backendName, addon, ({ inputs, backend }) => {
    const { x, dy, mean } = inputs;
    const xv = floatValues(backend, x),
      dyv = floatValues(backend, dy),
      mv = floatValues(backend, mean);
    if (!xv || !dyv || !mv) return `${BatchNormGradStats}: not float32`;
    const c = mv.length;
    if (c === 0 || x.shape[x.shape.length - 1] !== c || xv.length !== dyv.length)
      return `${BatchNormGradStats}: shapes do not match`;
    const s1 = backend.alloc(c),
      s2 = backend.alloc(c);
    addon.batchNormGradStats(xv, dyv, mv, s1, s2);
    return [
      backend.makeTensorInfo([c], 'float32', s1),
      backend.makeTensorInfo([c], 'float32', s2),
    ] as unknown as TensorInfo;
  });
}
