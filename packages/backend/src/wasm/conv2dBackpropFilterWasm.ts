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
 * dy[n,y,x,co]`. The input is transposed once to `[ci, n, h, w]` (XNNPACK transpose); the patch
 * matrix of a group of taps — row `(tap, ci)`, column `(n, y, x)` — is written from it by plain
 * JS block moves on the wasm heap (wasm's own strided slice and pad are ~10× slower), and one
 * plain XNNPACK matmul with `dy` as `[n·oh·ow, co]` gives those taps' `[tap·ci, co]` rows of `dW`.
 * `dy` is the matmul's packed "weights" operand and XNNPACK caches the packing by tensor id, so it
 * is packed once for all groups. No `transposeA` matmul is used (wasm runs those ~50× slower).
 * Groups hold as many taps as fit in 64 MB, so small `ci` (the RGB input layer) still gets one
 * tall GEMM. 1×1 stride-1 unpadded convolutions need no patches. Every intermediate is disposed.
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
    const columns = n * oh * ow;
    const dyMat = ops.reshape(dy, [columns, co]);
    let out: TensorInfo;
    if (kh === 1 && kw === 1 && sh === 1 && sw === 1 && top === 0 && left === 0 && oh === h && ow === w) {
      const xT = ops.transpose(ops.reshape(x, [n * h * w, ci]), [1, 0]);
      out = ops.reshape(ops.matMul(xT, dyMat), filterShape);
    } else {
      const xT = ops.transpose(x, [3, 0, 1, 2]);
      const taps = kh * kw;
      // Taps per matmul: as many as fit in ~64 MB of patch matrix (small `ci` then still gets a tall GEMM).
      const group = Math.max(1, Math.min(taps, Math.floor(MAX_PATCH_FLOATS / (ci * columns))));
      const blocks: TensorInfo[] = [];
      for (let first = 0; first < taps; first += group) {
        const count = Math.min(group, taps - first);
        const patches = ops.makeOutput([count * ci, columns]);
        fillPatches(ops.heap(), ops.offset(xT), ops.offset(patches), first, count, { n, h, w, ci, oh, ow, kw, sh, sw, top, left });
        blocks.push(ops.matMul(patches, dyMat));
        ops.release(patches); // peak memory: one group of patches
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

/** Patch-matrix budget per matmul, in floats (64 MB). */
const MAX_PATCH_FLOATS = 16 * 1024 * 1024;

/**
 * Writes the patch matrix of taps `first .. first + count − 1` (row-major over `kh, kw`):
 * row `(t, c)`, column `(b, y, x)` holds `x[b, y·sh + i − top, x·sw + j − left, c]` (0 outside),
 * read from the `[c, b, row, col]`-transposed input. Stride-1 rows are `copyWithin` block moves.
 */
function fillPatches(
  heap: Float32Array,
  src: number,
  dst: number,
  first: number,
  count: number,
  g: { n: number; h: number; w: number; ci: number; oh: number; ow: number; kw: number; sh: number; sw: number; top: number; left: number },
): void {
  const { n, h, w, ci, oh, ow, kw, sh, sw, top, left } = g;
  for (let t = 0; t < count; t++) {
    const i = Math.floor((first + t) / kw);
    const j = (first + t) % kw;
    // Output columns x whose input column x·sw + j − left lies inside [0, w).
    const x0 = Math.min(ow, Math.max(0, Math.ceil((left - j) / sw)));
    const x1 = Math.max(x0, Math.min(ow, Math.floor((w - 1 + left - j) / sw) + 1));
    for (let c = 0; c < ci; c++) {
      for (let b = 0; b < n; b++) {
        const plane = (c * n + b) * h;
        let d = dst + ((t * ci + c) * n + b) * oh * ow;
        for (let y = 0; y < oh; y++, d += ow) {
          const r = y * sh + i - top;
          if (r < 0 || r >= h) {
            heap.fill(0, d, d + ow);
            continue;
          }
          if (x0 > 0) heap.fill(0, d, d + x0);
          if (x1 < ow) heap.fill(0, d + x1, d + ow);
          const s0 = src + (plane + r) * w + x0 * sw + j - left;
          if (sw === 1) {
            heap.copyWithin(d + x0, s0, s0 + (x1 - x0));
          } else {
            for (let x = x0, s1 = s0; x < x1; x++, s1 += sw) heap[d + x] = heap[s1];
          }
        }
      }
    }
  }
}

/** Kernel registration entry for `tf.registerKernel`. */
export const conv2dBackpropFilterWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilterWasm as unknown as KernelFunc,
};
