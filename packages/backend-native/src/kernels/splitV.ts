import {
  backend_util,
  SplitV,
  util,
  type KernelConfig,
  type SplitVAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

/**
 * The `SplitV` kernel (tf.split; the gradient of tf.concat) on float32, as row copies in the addon.
 *
 * When to use: registered by `registerNativeBackend`; the FCN's decoder concatenates its
 * branches on the channel axis, whose gradient splits full-resolution maps.
 *
 * Details: sizes as tfjs (`numOrSizeSplits` a count or sizes, one may be -1). Other dtypes run on
 * the cpu kernel.
 *
 * Example: `registerKernel(splitVKernel('qfcn-native', addon))`
 */
export function splitVKernel(backendName: string, addon: NativeAddon): KernelConfig {
  const run: Parameters<typeof nativeKernel<'x'>>[3] = ({ inputs, attrs, backend }) => {
    const { x } = inputs;
    const { numOrSizeSplits, axis } = attrs as unknown as SplitVAttrs;
    const xv = floatValues(backend, x);
    if (!xv || x.shape.length === 0) return 'SplitV: not a float32 tensor of rank >= 1';
    const $axis = util.parseAxisParam(axis, x.shape)[0]!;
    const sizes = backend_util.prepareSplitSize(x as never, numOrSizeSplits, $axis);
    const shape = Int32Array.from(x.shape);
    const begin = new Int32Array(x.shape.length);
    const outs: TensorInfo[] = [];
    for (const s of sizes) {
      const size = Int32Array.from(x.shape);
      size[$axis] = s;
      const y = backend.alloc(util.sizeFromShape(Array.from(size)));
      if (y.length > 0) addon.slice(shape, begin, size, xv, y);
      outs.push(backend.makeTensorInfo(Array.from(size), 'float32', y));
      begin[$axis]! += s;
    }
    return outs as unknown as TensorInfo;
  };
  return nativeKernel<'x'>(SplitV, backendName, addon, run);
}
