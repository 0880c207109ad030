import { backend_util, MaxPoolGrad, util, type KernelConfig, type MaxPoolGradAttrs } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';
import { poolParams } from '../poolParams';

/**
 * The `MaxPoolGrad` kernel (NHWC) in the addon: each window's gradient goes to its first maximum
 * in row-major order, as in the cpu kernel.
 *
 * When to use: registered by `registerNativeBackend`.
 *
 * Details: recomputes the argmax from the input (like tfjs; the `output` input is unused).
 * Overlapping windows (stride < size) accumulate. float32 only.
 *
 * Example: `registerKernel(maxPoolGradKernel('qfcn-native', addon))`
 */
export function maxPoolGradKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'dy' | 'input'>(MaxPoolGrad, backendName, addon, ({ inputs, attrs, backend }) => {
    const { dy, input } = inputs;
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
    const xv = floatValues(backend, input),
      dyv = floatValues(backend, dy);
    if (!xv || !dyv || input.shape.length !== 4) return 'MaxPoolGrad: not float32 rank-4 tensors';
    const info = backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    if (!util.arraysEqual(info.outShape, dy.shape)) return 'MaxPoolGrad: dy shape does not match';
    if (xv.length === 0 || dyv.length === 0) return 'MaxPoolGrad: empty tensor';
    const dx = backend.alloc(xv.length);
    addon.maxPoolGrad(poolParams(info), xv, dyv, dx);
    return backend.makeTensorInfo(input.shape, 'float32', dx);
  });
}
