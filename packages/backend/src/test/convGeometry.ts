import { backend_util } from '@tensorflow/tfjs-core';
import type { ConvGeometry } from './naiveConv2d';

/** Padding as tfjs ops accept it: `'same'`, `'valid'` or explicit NHWC `[[0,0],[t,b],[l,r],[0,0]]`. */
export type ConvPad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

/**
 * Geometry of the NHWC convolution of an `x` of shape `xShape` with a filter of shape
 * `filterShape`, as tfjs computes it (output size, padding split), for `naiveConv2d`.
 *
 * @example
 * convGeometry([1, 7, 9, 3], [3, 3, 3, 4], 2, 'same') // { oh: 4, ow: 5, top: 1, left: 1, ... }
 */
export function convGeometry(
  xShape: readonly number[],
  filterShape: readonly number[],
  stride: number,
  pad: ConvPad,
): ConvGeometry {
  const info = backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    stride,
    1,
    pad as 'same',
  );
  return {
    n: info.batchSize,
    h: info.inHeight,
    w: info.inWidth,
    ci: info.inChannels,
    co: info.outChannels,
    kh: info.filterHeight,
    kw: info.filterWidth,
    oh: info.outHeight,
    ow: info.outWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}
