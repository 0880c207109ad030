import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { UnsupportedKernelCaseError } from '../errors';
import { WasmOps } from './wasmOps';
import { kernelFunc } from '../internal/kernelFunc';

/**
 * `Conv2DBackpropFilter` for the wasm backend (which has none, tfjs issue 8474), built from wasm's
 * own fast primitives.
 *
 * Details: the filter gradient is `dW[kh,kw,ci,co] = Σ_{n,y,x} xpad[n, y·sh+kh, x·sw+kw, ci] ·
 * dy[n,y,x,co]`, an im2col matmul. The input is transposed once to `[ci, n, h, w]` (XNNPACK
 * transpose). The output pixels are then taken in chunks of ~8192 (whole output lines): for each
 * chunk, the patch matrix of a group of taps — row `(tap, ci)`, column = pixel — is written by
 * plain JS block moves on the wasm heap (wasm's own strided slice and pad are ~10× slower), and one
 * plain XNNPACK matmul with the chunk's `dy` rows (`[pixels, co]`, the packed "weights" operand,
 * reused by every group) gives those taps' `[tap·ci, co]` rows of `dW`, summed over chunks in
 * float64. Chunking keeps XNNPACK's packed panel in cache (it does not block long inner
 * dimensions). No `transposeA` matmul is used (wasm runs those ~50× slower). Groups hold up to
 * 16 MB of patches, so the RGB input layer gets one tall GEMM. Every intermediate is disposed.
 *
 * Stride-1 kernels larger than 1×1 with 8+ input channels mostly run as one XNNPACK convolution
 * instead (x transposed to a batch of channels, dy to a filter; see `useConvForm`): no patches,
 * and XNNPACK's threads share the work.
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
  if (useConvForm(info)) {
    try {
      // dW[i, j, c, o] = Σ x[b, y+i, x+j, c]·dy[b, y, x, o]: a stride-1 convolution of x seen as
      // [c, h, w, b] (batch c, channels b) with dy seen as a [oh, ow, b, o] filter → [c, kh, kw, o]
      const xT = ops.transpose(x, [3, 1, 2, 0]);
      const dyT = ops.transpose(dy, [1, 2, 0, 3]);
      const { bottom, right } = info.padInfo;
      const out = ops.transpose(ops.conv2d(xT, dyT, [top, bottom, left, right]), [1, 2, 0, 3]);
      ops.disposeAllBut(out);
      return out;
    } catch (error) {
      ops.disposeAll();
      throw error;
    }
  }
  try {
    const g = { n, h, w, ci, oh, ow, kw, sh, sw, top, left };
    const taps = kh * kw;
    const xT = ops.transpose(x, [3, 0, 1, 2]);
    const rowsTotal = n * oh; // output rows (b, y)
    const rowsPerChunk = Math.max(1, Math.floor(chunkColumns / ow));
    const acc = new Float64Array(taps * ci * co);
    for (let r0 = 0; r0 < rowsTotal; r0 += rowsPerChunk) {
      const r1 = Math.min(rowsTotal, r0 + rowsPerChunk);
      const columns = (r1 - r0) * ow;
      // dy rows r0..r1 are contiguous in NHWC: one block move makes them a [columns, co] matrix.
      const dyChunk = ops.makeOutput([columns, co]);
      const heap0 = ops.heap();
      heap0.copyWithin(ops.offset(dyChunk), ops.offset(dy) + r0 * ow * co, ops.offset(dy) + r1 * ow * co);
      const group = Math.max(1, Math.min(taps, Math.floor(maxPatchFloats / (ci * columns))));
      for (let first = 0; first < taps; first += group) {
        const count = Math.min(group, taps - first);
        const patches = ops.makeOutput([count * ci, columns]);
        fillPatches(ops.heap(), ops.offset(xT), ops.offset(patches), first, count, r0, r1, g);
        const block = ops.matMul(patches, dyChunk);
        const heap = ops.heap();
        const b0 = ops.offset(block);
        const a0 = first * ci * co;
        for (let i = 0; i < count * ci * co; i++) acc[a0 + i]! += heap[b0 + i]!;
        ops.release(patches, block);
      }
      ops.release(dyChunk);
    }
    const out = ops.makeOutput([...filterShape]);
    ops.heap().set(acc, ops.offset(out));
    ops.disposeAllBut(out);
    return out;
  } catch (error) {
    ops.disposeAll();
    throw error;
  }
}

/**
 * Whether to compute the filter gradient as one XNNPACK convolution (x as a batch of channels, dy
 * as the filter) instead of patch-matrix matmuls. On wasm (batch 4, 3×3 'same') the convolution
 * was faster for every shape except wide outputs at large size (64 or 32 → 64 channels at 128²),
 * few input channels (fewer than 8) and 1×1 kernels; it needs stride 1 and no dilation. Internal
 * (exported for tests).
 */
export function useConvForm(info: backend_util.Conv2DInfo): boolean {
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, filterHeight, filterWidth } = info;
  if (strideHeight !== 1 || strideWidth !== 1 || dilationHeight !== 1 || dilationWidth !== 1) return false;
  if (filterHeight * filterWidth === 1 || info.inChannels < 8) return false;
  if (info.padInfo.bottom < 0 || info.padInfo.right < 0) return false;
  return info.outChannels < 64 || info.inHeight * info.inWidth <= 64 * 64;
}

/** Patch-matrix budget per matmul, in floats (16 MB). */
let maxPatchFloats = 4 * 1024 * 1024;

/**
 * Columns (output pixels) per matmul. XNNPACK's matmul does not block its inner dimension, so a
 * long one (all `n·oh·ow` pixels) streams the packed `dy` panel from memory for every row tile;
 * chunks keep it in cache (chunks of a few thousand pixels beat one chunk of all 65k pixels of a
 * 4×128×128 input several times over; the default was the best of 1k–16k with 2 threads).
 */
let chunkColumns = 8192;

/**
 * Internal, for tests and tuning: sets the pixels per chunk and the patch budget (floats) per
 * matmul; returns the previous settings.
 */
export function setBackpropFilterChunking(settings: { columns: number; patchFloats: number }): {
  columns: number;
  patchFloats: number;
} {
  const previous = { columns: chunkColumns, patchFloats: maxPatchFloats };
  chunkColumns = Math.max(1, Math.floor(settings.columns));
  maxPatchFloats = Math.max(1, Math.floor(settings.patchFloats));
  return previous;
}

/**
 * Writes the patch matrix of taps `first .. first + count − 1` (row-major over `kh, kw`) for
 * output rows `r0 .. r1 − 1` (row `R` = image `⌊R/oh⌋`, line `R mod oh`): row `(t, c)`, column
 * `(R − r0)·ow + x` holds `x[b, y·sh + i − top, x·sw + j − left, c]` (0 outside), read from the
 * `[c, b, row, col]`-transposed input. Stride-1 lines are `copyWithin` block moves.
 */
function fillPatches(
  heap: Float32Array,
  src: number,
  dst: number,
  first: number,
  count: number,
  r0: number,
  r1: number,
  g: {
    n: number;
    h: number;
    w: number;
    ci: number;
    oh: number;
    ow: number;
    kw: number;
    sh: number;
    sw: number;
    top: number;
    left: number;
  },
): void {
  const { n, h, w, ci, oh, ow, kw, sh, sw, top, left } = g;
  const columns = (r1 - r0) * ow;
  if (sh === 1 && sw === 1 && oh === h && ow === w) {
    fillPatchesAligned(heap, src, dst, first, count, r0, r1, g);
    return;
  }
  for (let t = 0; t < count; t++) {
    const i = Math.floor((first + t) / kw);
    const j = (first + t) % kw;
    // Output columns x whose input column x·sw + j − left lies inside [0, w).
    const x0 = Math.min(ow, Math.max(0, Math.ceil((left - j) / sw)));
    const x1 = Math.max(x0, Math.min(ow, Math.floor((w - 1 + left - j) / sw) + 1));
    for (let c = 0; c < ci; c++) {
      let d = dst + (t * ci + c) * columns;
      for (let row = r0; row < r1; row++, d += ow) {
        const b = Math.floor(row / oh);
        const r = (row - b * oh) * sh + i - top;
        if (r < 0 || r >= h) {
          heap.fill(0, d, d + ow);
          continue;
        }
        if (x0 > 0) heap.fill(0, d, d + x0);
        if (x1 < ow) heap.fill(0, d + x1, d + ow);
        const s0 = src + ((c * n + b) * h + r) * w + x0 * sw + j - left;
        if (sw === 1) {
          heap.copyWithin(d + x0, s0, s0 + (x1 - x0));
        } else {
          for (let x = x0, s1 = s0; x < x1; x++, s1 += sw) heap[d + x] = heap[s1]!;
        }
      }
    }
  }
}

/**
 * {@link fillPatches} when output and input lines have the same length and stride 1 (`'same'`
 * padding): the lines a tap reads from one image are consecutive in the transposed input, so each
 * (tap, channel, image) run is one block move, shifted by the tap's column offset, after which
 * only the `|j − left|` columns that wrapped into the neighbouring line are zeroed. Rows whose
 * input line is outside the image are zero-filled.
 */
function fillPatchesAligned(
  heap: Float32Array,
  src: number,
  dst: number,
  first: number,
  count: number,
  r0: number,
  r1: number,
  g: { n: number; h: number; w: number; ci: number; oh: number; ow: number; kw: number; top: number; left: number },
): void {
  const { n, h, w, ci, oh, ow, kw, top, left } = g;
  const columns = (r1 - r0) * ow;
  for (let t = 0; t < count; t++) {
    const i = Math.floor((first + t) / kw);
    const shift = ((first + t) % kw) - left; // input column = output column + shift
    const x0 = Math.min(ow, Math.max(0, -shift));
    const x1 = Math.max(x0, Math.min(ow, w - shift));
    for (let c = 0; c < ci; c++) {
      const base = dst + (t * ci + c) * columns;
      for (let row = r0; row < r1; ) {
        const b = Math.floor(row / oh);
        const end = Math.min(r1, (b + 1) * oh); // rows of image b in this chunk
        // output lines y whose input line y + i − top is inside the image
        const yStart = row - b * oh;
        const yEnd = end - b * oh;
        const v0 = Math.min(yEnd, Math.max(yStart, top - i));
        const v1 = Math.max(v0, Math.min(yEnd, h + top - i));
        const d0 = base + (row - r0) * ow;
        if (v0 > yStart) heap.fill(0, d0, d0 + (v0 - yStart) * ow);
        if (v1 > v0) {
          const d = d0 + (v0 - yStart) * ow;
          const s = src + ((c * n + b) * h + (v0 + i - top)) * w + shift;
          const len = (v1 - v0) * ow;
          if (s >= 0 && s + len <= heap.length) {
            heap.copyWithin(d, s, s + len);
            if (x0 > 0) for (let r = 0; r < v1 - v0; r++) heap.fill(0, d + r * ow, d + r * ow + x0);
            if (x1 < ow) for (let r = 0; r < v1 - v0; r++) heap.fill(0, d + r * ow + x1, d + (r + 1) * ow);
          } else {
            for (let r = 0; r < v1 - v0; r++) {
              const dr = d + r * ow;
              heap.fill(0, dr, dr + ow);
              heap.copyWithin(dr + x0, s + r * w + x0, s + r * w + x1);
            }
          }
        }
        if (yEnd > v1) heap.fill(0, d0 + (v1 - yStart) * ow, d0 + (yEnd - yStart) * ow);
        row = end;
      }
    }
  }
}

/** Kernel registration entry for `tf.registerKernel`. */
export const conv2dBackpropFilterWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: kernelFunc(conv2dBackpropFilterWasm),
};
