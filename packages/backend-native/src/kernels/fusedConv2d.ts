import { backend_util, FusedConv2D, util, type FusedConv2DAttrs, type KernelConfig } from '@tensorflow/tfjs-core';
import { activationCode } from '../activationCode';
import { channelBias } from '../channelBias';
import { convParams } from '../convParams';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

/**
 * The `FusedConv2D` kernel (conv + bias + activation, from tf.fused.conv2d) on oneDNN, with bias
 * and activation fused as oneDNN post-ops.
 *
 * When to use: registered by `registerNativeBackend`.
 *
 * Details: activations linear/relu/relu6/elu/sigmoid/leakyrelu run natively; `prelu` and biases
 * that are not per-channel run on the cpu kernel.
 *
 * Example: `registerKernel(fusedConv2dKernel('qfcn-native', addon))`
 */
export function fusedConv2dKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'x' | 'filter', 'bias'>(FusedConv2D, backendName, addon, ({ inputs, attrs, backend }) => {
    const { x, filter, bias } = inputs;
    const { strides, pad, dataFormat, dilations, dimRoundingMode, activation, leakyreluAlpha } =
      attrs as unknown as FusedConv2DAttrs;
    const act = activationCode(activation);
    if (act === null) return `FusedConv2D: activation ${activation} is not fused natively`;
    const xv = floatValues(backend, x),
      wv = floatValues(backend, filter);
    if (!xv || !wv) return 'FusedConv2D: not float32';
    const format = backend_util.convertConv2DDataFormat(dataFormat);
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      strides,
      dilations,
      pad,
      dimRoundingMode,
      false,
      format,
    );
    let bv: Float32Array | null = null;
    if (bias) {
      bv = channelBias(backend, bias, info.outChannels, { channelsFirst: format === 'channelsFirst' });
      if (!bv) return `FusedConv2D: bias of shape [${bias.shape}] is not per-channel`;
    }
    if (util.sizeFromShape(info.outShape) === 0 || xv.length === 0) return 'FusedConv2D: empty tensor';
    const y = backend.alloc(util.sizeFromShape(info.outShape));
    addon.conv2d(convParams(info, { activation: act, hasBias: bv !== null }), leakyreluAlpha ?? 0.2, xv, wv, bv, y);
    return backend.makeTensorInfo(info.outShape, 'float32', y);
  });
}
