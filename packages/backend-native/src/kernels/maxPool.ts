import { backend_util, MaxPool, util, type KernelConfig, type MaxPoolAttrs } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';
import { poolParams } from '../poolParams';

/**
 * The `MaxPool` kernel (NHWC) in the addon, OpenMP-parallel over output rows.
 *
 * When to use: registered by `registerNativeBackend`.
 *
 * Details: same values as the cpu kernel: padding cells never win, NaN never wins, a window
 * with no number yields -Infinity. float32 only.
 *
 * Example: `registerKernel(maxPoolKernel('qfcn-native', addon))`
 */
export function maxPoolKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'x'>(MaxPool, backendName, addon, ({ inputs, attrs, backend }) => {
    const { x } = inputs;
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolAttrs;
    const xv = floatValues(backend, x);
    if (!xv || x.shape.length !== 4) return 'MaxPool: not a float32 rank-4 tensor';
    const info = backend_util.computePool2DInfo(
      x.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const size = util.sizeFromShape(info.outShape);
    if (size === 0 || xv.length === 0) return 'MaxPool: empty tensor';
    const y = backend.alloc(size);
    addon.maxPool(poolParams(info), xv, y);
    return backend.makeTensorInfo(info.outShape, 'float32', y);
  });
}
