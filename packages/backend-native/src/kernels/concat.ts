import { backend_util, Concat, util, type ConcatAttrs, type KernelConfig } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

/**
 * The `Concat` kernel on float32 tensors, as row copies in the addon.
 *
 * When to use: registered by `registerNativeBackend`; the FCN's decoder concatenates its
 * full-resolution branches on the channel axis, where the cpu kernel copies one pixel row at a
 * time from JS.
 *
 * Details: `axis` as tfjs (negative counts from the end); shapes must agree off the axis (else the
 * cpu kernel runs and raises tfjs's error). Other dtypes run on the cpu kernel.
 *
 * Example: `registerKernel(concatKernel('qfcn-native', addon))`
 */
export function concatKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel(Concat, backendName, addon, ({ inputs, attrs, backend }) => {
    const tensors = Object.values(inputs).filter((t) => t != null);
    const { axis } = attrs as unknown as ConcatAttrs;
    if (tensors.length === 0) return 'Concat: no inputs';
    const values = tensors.map((t) => floatValues(backend, t));
    if (values.some((v) => v === null)) return 'Concat: not float32';
    const $axis = util.parseAxisParam(axis, tensors[0]!.shape)[0]!;
    const shapes = tensors.map((t) => t.shape);
    try {
      backend_util.assertParamsConsistent(shapes, $axis);
    } catch {
      return 'Concat: shapes do not agree off the axis';
    }
    const outShape = backend_util.computeOutShape(shapes, $axis);
    const rows = util.sizeFromShape(outShape.slice(0, $axis));
    const outCols = util.sizeFromShape(outShape.slice($axis));
    const out = backend.alloc(rows * outCols);
    let offset = 0;
    tensors.forEach((t, i) => {
      const cols = util.sizeFromShape(t.shape.slice($axis));
      if (rows * cols > 0) addon.concatRows(rows, outCols, offset, cols, values[i]!, out);
      offset += cols;
    });
    return backend.makeTensorInfo(outShape, 'float32', out);
  });
}
