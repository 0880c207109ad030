import { Slice, slice_util, util, type KernelConfig, type SliceAttrs } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

/**
 * The `Slice` kernel for float32 slices that are not one contiguous run (those the cpu kernel
 * already serves as a zero-copy view, so they stay there), as row copies in the addon.
 *
 * When to use: registered by `registerNativeBackend`.
 *
 * Details: begin/size as tfjs (`-1` size = to the end); invalid ranges run on the cpu kernel,
 * which throws tfjs's own error.
 *
 * Example: `registerKernel(sliceKernel('qfcn-native', addon))`
 */
export function sliceKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'x'>(Slice, backendName, addon, ({ inputs, attrs, backend }) => {
    const { x } = inputs;
    const { begin, size } = attrs as unknown as SliceAttrs;
    const xv = floatValues(backend, x);
    if (!xv || x.shape.length === 0) return 'Slice: not a float32 tensor of rank >= 1';
    const [b, s] = slice_util.parseSliceParams(x as never, begin, size) as [number[], number[]];
    if (b.some((v, d) => v < 0 || s[d]! < 0 || v + s[d]! > x.shape[d]!)) return 'Slice: out of range';
    if (slice_util.isSliceContinous(x.shape, b, s)) return 'Slice: contiguous (a view on the cpu kernel)';
    const y = backend.alloc(util.sizeFromShape(s));
    if (y.length > 0) addon.slice(Int32Array.from(x.shape), Int32Array.from(b), Int32Array.from(s), xv, y);
    return backend.makeTensorInfo(s, 'float32', y);
  });
}
