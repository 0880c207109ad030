import {
  backend_util,
  MaxPoolGrad,
  type KernelConfig,
  type MaxPoolGradAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { UnsupportedKernelCaseError } from '../errors';
import { WasmOps } from './wasmOps';
import { kernelFunc } from '../internal/kernelFunc';

/**
 * `MaxPoolGrad` for the wasm backend, replacing wasm's own, which routes the gradient of every
 * window whose values are all ≤ 0 to the wrong place (it starts its running maximum at
 * `numeric_limits<float>::min()`, the smallest *positive* float) and breaks ties towards the last
 * element.
 *
 * Details: for each pooling window the gradient goes to the first element holding the window's
 * maximum (row-major, as tfjs' cpu backend does); windows overlapping (stride < size) accumulate.
 * Plain JS over the wasm heap: one read per window element; 2×2 windows that tile the input (stride
 * 2, no padding) take a single pass that also writes the zeros. Any stride, `'same'` / `'valid'` /
 * explicit padding, NHWC, float32.
 */
export function maxPoolGradWasm(args: {
  inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo };
  backend: BackendWasm;
  attrs: MaxPoolGradAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs;
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new UnsupportedKernelCaseError(MaxPoolGrad, `dtype ${input.dtype} (only float32)`);
  }
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const { top, left } = info.padInfo;

  const ops = new WasmOps(backend);
  const dx = ops.makeOutput([n, h, w, c]);
  const heap = ops.heap();
  const xs = ops.offset(input);
  const ds = ops.offset(dy);
  const out = ops.offset(dx);
  if (fh === 2 && fw === 2 && sh === 2 && sw === 2 && top === 0 && left === 0 && oh * 2 === h && ow * 2 === w) {
    tiled2x2(heap, xs, ds, out, n, oh, ow, c);
    ops.disposeAllBut(dx);
    return dx;
  }
  heap.fill(0, out, out + n * h * w * c);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      const r0 = Math.max(0, y * sh - top);
      const r1 = Math.min(h, y * sh - top + fh);
      for (let x = 0; x < ow; x++) {
        const c0 = Math.max(0, x * sw - left);
        const c1 = Math.min(w, x * sw - left + fw);
        const dyBase = ds + ((b * oh + y) * ow + x) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let r = r0; r < r1; r++) {
            let p = ((b * h + r) * w + c0) * c + ch;
            for (let q = c0; q < c1; q++, p += c) {
              const v = heap[xs + p]!;
              if (v > best || at < 0) {
                best = v;
                at = p;
              }
            }
          }
          if (at >= 0) heap[out + at]! += heap[dyBase + ch]!;
        }
      }
    }
  }
  ops.disposeAllBut(dx);
  return dx;
}

/**
 * 2×2 windows, stride 2, tiling the input exactly (the FCN's pooling): every input element is in
 * one window, so each is written once (the gradient at the window's first maximum, 0 elsewhere),
 * with no zero-fill pass; same choice of element as the general loop (NaN never wins a comparison).
 */
function tiled2x2(
  heap: Float32Array,
  xs: number,
  ds: number,
  out: number,
  n: number,
  oh: number,
  ow: number,
  c: number,
): void {
  const rowStride = 2 * ow * c; // one input line
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        const p00 = ((b * 2 * oh + 2 * y) * 2 * ow + 2 * x) * c;
        const p01 = p00 + c;
        const p10 = p00 + rowStride;
        const p11 = p10 + c;
        const d0 = ds + ((b * oh + y) * ow + x) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = heap[xs + p00 + ch]!;
          let at = 0;
          const v01 = heap[xs + p01 + ch]!;
          if (v01 > best) {
            best = v01;
            at = 1;
          }
          const v10 = heap[xs + p10 + ch]!;
          if (v10 > best) {
            best = v10;
            at = 2;
          }
          if (heap[xs + p11 + ch]! > best) at = 3;
          const g = heap[d0 + ch]!;
          heap[out + p00 + ch] = at === 0 ? g : 0;
          heap[out + p01 + ch] = at === 1 ? g : 0;
          heap[out + p10 + ch] = at === 2 ? g : 0;
          heap[out + p11 + ch] = at === 3 ? g : 0;
        }
      }
    }
  }
}

/** Kernel registration entry for `tf.registerKernel`. */
export const maxPoolGradWasmConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: kernelFunc(maxPoolGradWasm),
};
