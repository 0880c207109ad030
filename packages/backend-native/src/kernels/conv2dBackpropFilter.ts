import {
  backend_util,
  Conv2DBackpropFilter,
  util,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
} from '@tensorflow/tfjs-core';
import { convParams } from '../convParams';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

/**
 * The `Conv2DBackpropFilter` kernel (filter gradient of a conv) on oneDNN.
 *
 * When to use: registered by `registerNativeBackend`.
 *
 * Details: float32, NHWC or NCHW, any stride and padding (tfjs has no dilation here). The
 * result is HWIO like the filter.
 *
 * Example: `registerKernel(conv2dBackpropFilterKernel('qfcn-native', addon))`
 */
export function conv2dBackpropFilterKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'x' | 'dy'>(Conv2DBackpropFilter, backendName, addon, ({ inputs, attrs, backend }) => {
    const { x, dy } = inputs;
    const { filterShape, strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as Conv2DBackpropFilterAttrs;
    const xv = floatValues(backend, x),
      dyv = floatValues(backend, dy);
    if (!xv || !dyv) return 'Conv2DBackpropFilter: not float32';
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      backend_util.convertConv2DDataFormat(dataFormat),
    );
    if (!util.arraysEqual(info.outShape, dy.shape)) return 'Conv2DBackpropFilter: dy shape does not match';
    const size = util.sizeFromShape(filterShape);
    if (size === 0 || xv.length === 0 || dyv.length === 0) return 'Conv2DBackpropFilter: empty tensor';
    const dw = backend.alloc(size);
    addon.conv2dBackpropFilter(convParams(info), xv, dyv, dw);
    return backend.makeTensorInfo(filterShape, 'float32', dw);
  });
}
