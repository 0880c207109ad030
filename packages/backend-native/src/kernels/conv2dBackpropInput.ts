import {
  backend_util,
  Conv2DBackpropInput,
  util,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
} from '@tensorflow/tfjs-core';
import { convParams } from '../convParams';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

/**
 * The `Conv2DBackpropInput` kernel (input gradient of a conv; also tf.conv2dTranspose) on oneDNN.
 *
 * When to use: registered by `registerNativeBackend`.
 *
 * Details: float32, NHWC or NCHW, any stride and padding (tfjs has no dilation here).
 *
 * Example: `registerKernel(conv2dBackpropInputKernel('qfcn-native', addon))`
 */
export function conv2dBackpropInputKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'dy' | 'filter'>(Conv2DBackpropInput, backendName, addon, ({ inputs, attrs, backend }) => {
    const { dy, filter } = inputs;
    const { inputShape, strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as Conv2DBackpropInputAttrs;
    const dyv = floatValues(backend, dy),
      wv = floatValues(backend, filter);
    if (!dyv || !wv) return 'Conv2DBackpropInput: not float32';
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      backend_util.convertConv2DDataFormat(dataFormat),
    );
    if (!util.arraysEqual(info.outShape, dy.shape)) return 'Conv2DBackpropInput: dy shape does not match';
    const size = util.sizeFromShape(inputShape);
    if (size === 0 || dyv.length === 0) return 'Conv2DBackpropInput: empty tensor';
    const dx = backend.alloc(size);
    addon.conv2dBackpropInput(convParams(info), dyv, wv, dx);
    return backend.makeTensorInfo(inputShape, 'float32', dx);
  });
}
