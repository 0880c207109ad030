import { backend_util, Conv2D, util, type Conv2DAttrs, type KernelConfig } from '@tensorflow/tfjs-core';
import { convParams } from '../convParams';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

/**
 * The `Conv2D` kernel on oneDNN (NHWC or NCHW, any stride, padding and dilation).
 *
 * When to use: registered by `registerNativeBackend`.
 *
 * Details: float32 only (other dtypes, and empty tensors, run on the cpu kernel).
 *
 * Example: `registerKernel(conv2dKernel('qfcn-native', addon))`
 */
export function conv2dKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'x' | 'filter'>(Conv2D, backendName, addon, ({ inputs, attrs, backend }) => {
    const { x, filter } = inputs;
    const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as unknown as Conv2DAttrs;
    const xv = floatValues(backend, x),
      wv = floatValues(backend, filter);
    if (!xv || !wv) return 'Conv2D: not float32';
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      strides,
      dilations,
      pad,
      dimRoundingMode,
      false,
      backend_util.convertConv2DDataFormat(dataFormat),
    );
    if (util.sizeFromShape(info.outShape) === 0 || xv.length === 0) return 'Conv2D: empty tensor';
    const y = backend.alloc(util.sizeFromShape(info.outShape));
    addon.conv2d(convParams(info), 0, xv, wv, null, y);
    return backend.makeTensorInfo(info.outShape, 'float32', y);
  });
}
