import type { backend_util } from '@tensorflow/tfjs-core';

/**
 * The addon's pool parameter block (native/common.h, `kPoolParams`) for a tfjs pool geometry.
 *
 * When to use: by MaxPool and MaxPoolGrad before calling the addon.
 *
 * Details: layout `[N, H, W, C, KH, KW, OH, OW, strideH, strideW, padTop, padLeft]` (NHWC; the
 * bottom/right padding follows from the output size).
 *
 * Example: `poolParams(backend_util.computePool2DInfo([1, 4, 4, 1], 2, 2, 1, 'valid'))`
 */
export function poolParams(info: backend_util.Conv2DInfo): Int32Array {
  return Int32Array.from([
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.filterHeight,
    info.filterWidth,
    info.outHeight,
    info.outWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
  ]);
}
