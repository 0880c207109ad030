import type { backend_util } from '@tensorflow/tfjs-core';

/**
 * The addon's conv parameter block (native/common.h, `kConvParams`) for a tfjs conv geometry.
 *
 * When to use: by the Conv2D family of kernels before calling the addon.
 *
 * Details: layout `[N, H, W, C, KH, KW, O, OH, OW, strideH, strideW, dilationH, dilationW,
 * padTop, padLeft, padBottom, padRight, nchw, activation, hasBias]`. Defaults: `activation = 0`
 * (linear), `hasBias = false`.
 *
 * Example: `convParams(backend_util.computeConv2DInfo([1, 5, 5, 2], [3, 3, 2, 4], 1, 1, 'same'))`
 */
export function convParams(
  info: backend_util.Conv2DInfo,
  options: { activation?: number; hasBias?: boolean } = {},
): Int32Array {
  const { activation = 0, hasBias = false } = options;
  return Int32Array.from([
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.filterHeight,
    info.filterWidth,
    info.outChannels,
    info.outHeight,
    info.outWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
    info.padInfo.bottom,
    info.padInfo.right,
    info.dataFormat === 'channelsFirst' ? 1 : 0,
    activation,
    hasBias ? 1 : 0,
  ]);
}
