import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { UnsupportedKernelCaseError } from '../errors';
import { WasmOps } from './wasmOps';

/**
 * `Conv2DBackpropFilter` for the wasm backend (which has none, tfjs issue 8474), built from wasm's
 * own fast primitives.
 *
 * Details: the filter gradient is `dW[kh,kw,ci,co] = Σ_{n,y,x} xpad[n, y·sh+kh, x·sw+kw, ci] ·
 * dy[n,y,x,co]`. The input is transposed once to `[ci, n, h, w]` and zero-padded; for each filter
 * tap `(kh, kw)` a (strided) slice of it is a `[ci, n·oh·ow]` matrix, and one plain XNNPACK matmul
 * with `dy` as `[n·oh·ow, co]` gives that tap's `[ci, co]` block. `dy` is the matmul's packed
 * "weights" operand: XNNPACK caches the packing by tensor id, so it is packed once for all taps.
 * No `transposeA` matmul is used (wasm runs those ~50× slower). 1×1 stride-1 unpadded convolutions
 * skip the padding and slicing. Every intermediate is disposed.
 *
 * Supports any stride, any `'same'` / `'valid'` / explicit non-negative padding, NHWC. Throws
 * `UnsupportedKernelCaseError` for NCHW.
 */
export function conv2dBackpropFilterWasm(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  if (format !== 'channelsLast') {
    throw new UnsupportedKernelCaseError(Conv2DBackpropFilter, `dataFormat '${dataFormat}' (only NHWC)`);
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outChannels: co } = info;
  const { outHeight: oh, outWidth: ow, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  if (top < 0 || left < 0) {
    throw new UnsupportedKernelCaseError(Conv2DBackpropFilter, `negative padding (${top}, ${left})`);
  }

  const ops = new WasmOps(backend);
  try {
    const dyMat = ops.reshape(dy, [n * oh * ow, co]);
    let out: TensorInfo;
    if (kh === 1 && kw === 1 && sh === 1 && sw === 1 && top === 0 && left === 0 && oh === h && ow === w) {
      const xT = ops.transpose(ops.reshape(x, [n * h * w, ci]), [1, 0]);
      out = ops.reshape(ops.matMul(xT, dyMat), filterShape);
    } else {
      // Rows read: -top .. (oh-1)·sh + kh - 1 - top; pad the bottom/right only as far as that.
      const bottom = Math.max(0, (oh - 1) * sh + kh - top - h);
      const right = Math.max(0, (ow - 1) * sw + kw - left - w);
      const xT = ops.transpose(x, [3, 0, 1, 2]);
      const xPad = ops.pad(xT, [
        [0, 0],
        [0, 0],
        [top, bottom],
        [left, right],
      ]);
      const blocks: TensorInfo[] = [];
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const tap = ops.stridedSlice(xPad, [0, 0, i, j], [ci, n, oh, ow], [1, 1, sh, sw]);
          const tapMat = ops.reshape(tap, [ci, n * oh * ow]);
          blocks.push(ops.matMul(tapMat, dyMat));
          // Free the tap now: peak memory holds one tap, not kh·kw of them.
          ops.release(tapMat, tap);
        }
      }
      out = ops.reshape(ops.concat(blocks, 0), filterShape);
    }
    ops.disposeAllBut(out);
    return out;
  } catch (error) {
    ops.disposeAll();
    throw error;
  }
}

/** Kernel registration entry for `tf.registerKernel`. */
export const conv2dBackpropFilterWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilterWasm as unknown as KernelFunc,
};
