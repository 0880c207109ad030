import { FusedBatchNorm, type FusedBatchNormAttrs, type KernelConfig } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

const ONE = new Float32Array([1]);
const ZERO = new Float32Array([0]);

/**
 * The `FusedBatchNorm` kernel (tf.batchNorm) in the addon: `offset + (x - mean) · scale / √(variance + ε)`.
 *
 * When to use: registered by `registerNativeBackend`.
 *
 * Details: the cpu kernel's arithmetic (double, rounded once) and its broadcasting (every
 * parameter cycles with its own length along the flat input: per-channel for NHWC); missing
 * scale/offset mean 1/0; `varianceEpsilon` default 0.001. float32 only.
 *
 * Example: `registerKernel(fusedBatchNormKernel('qfcn-native', addon))`
 */
export function fusedBatchNormKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'x' | 'mean' | 'variance', 'offset' | 'scale'>(
    FusedBatchNorm,
    backendName,
    addon,
    ({ inputs, attrs, backend }) => {
      const { x, mean, variance, offset, scale } = inputs;
      const { varianceEpsilon } = attrs as unknown as FusedBatchNormAttrs;
      const xv = floatValues(backend, x),
        mv = floatValues(backend, mean),
        vv = floatValues(backend, variance);
      const ov = offset ? floatValues(backend, offset) : ZERO,
        sv = scale ? floatValues(backend, scale) : ONE;
      if (!xv || !mv || !vv || !ov || !sv) return 'FusedBatchNorm: not float32';
      if (xv.length === 0 || mv.length === 0 || vv.length === 0 || ov.length === 0 || sv.length === 0)
        return 'FusedBatchNorm: empty tensor';
      const y = backend.alloc(xv.length);
      addon.batchNorm(xv, mv, vv, ov, sv, varianceEpsilon ?? 0.001, y);
      return backend.makeTensorInfo(x.shape, 'float32', y);
    },
  );
}
