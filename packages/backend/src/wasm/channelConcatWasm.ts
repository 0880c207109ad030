import {
  backend_util,
  Concat,
  SplitV,
  util,
  type ConcatAttrs,
  type KernelConfig,
  type SplitVAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runStockKernel } from './stockKernel';
import { WasmOps } from './wasmOps';
import { kernelFunc } from '../internal/kernelFunc';

/**
 * Moves `count` rows: row `r` of `width` 4-byte words at `src + r·srcStride` goes to
 * `dst + r·dstStride`. Wide rows are block moves, narrow ones a word loop.
 */
function copyRows(
  words: Int32Array,
  src: number,
  srcStride: number,
  dst: number,
  dstStride: number,
  width: number,
  count: number,
): void {
  if (width >= 16) {
    for (let r = 0; r < count; r++, src += srcStride, dst += dstStride) words.copyWithin(dst, src, src + width);
  } else {
    for (let r = 0; r < count; r++, src += srcStride, dst += dstStride) {
      for (let c = 0; c < width; c++) words[dst + c] = words[src + c]!;
    }
  }
}

/**
 * From this many rows on, equal-width parts go through one XNNPACK transpose instead of a block
 * move per row and part (several times faster for the decoder's concat of six [4,128,128,16]
 * branches and for its SplitV).
 */
const MIN_TRANSPOSE_ROWS = 1024;

const fourByte = (t: TensorInfo) => t.dtype === 'float32' || t.dtype === 'int32';

/**
 * `Concat` for the wasm backend along the *last* axis (the FCN's decoder concatenates channels):
 * wasm's own kernel does one `TypedArray.set` per pixel and input from a JS loop with a fresh
 * `subarray` each time; this moves rows on the wasm heap. Other axes and dtypes go to wasm's own.
 */
export function concatWasm(args: { inputs: TensorInfo[]; backend: BackendWasm; attrs: ConcatAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const rank = inputs[0]?.shape.length ?? 0;
  const axis = rank > 0 ? util.parseAxisParam(attrs.axis, inputs[0]!.shape)[0] : 0;
  const parts = inputs.filter((t) => util.sizeFromShape(t.shape) > 0);
  if (
    rank < 2 ||
    axis !== rank - 1 ||
    parts.length < 2 ||
    !parts.every(fourByte) ||
    new Set(parts.map((t) => t.dtype)).size > 1
  ) {
    return runStockKernel(Concat, args) as TensorInfo;
  }
  backend_util.assertParamsConsistent(
    inputs.map((t) => t.shape),
    axis,
  );
  const outShape = backend_util.computeOutShape(
    inputs.map((t) => t.shape),
    axis,
  );
  const width = outShape[axis]!;
  const rows = util.sizeFromShape(outShape) / width;
  const ops = new WasmOps(backend);
  const w0 = parts[0]!.shape[axis]!;
  if (parts.length === inputs.length && rows >= MIN_TRANSPOSE_ROWS && parts.every((t) => t.shape[axis] === w0)) {
    // equal widths: stack the parts ([k, rows, w], k block moves), then one XNNPACK transpose
    const stacked = ops.makeOutput([parts.length, rows, w0], parts[0]!.dtype as 'float32' | 'int32');
    const words = new Int32Array(ops.heap().buffer);
    parts.forEach((part, k) =>
      words.copyWithin(ops.offset(stacked) + k * rows * w0, ops.offset(part), ops.offset(part) + rows * w0),
    );
    const out = ops.reshape(ops.transpose(stacked, [1, 0, 2]), outShape);
    ops.disposeAllBut(out);
    return out;
  }
  const out = ops.makeOutput(outShape, parts[0]!.dtype as 'float32' | 'int32');
  const words = new Int32Array(ops.heap().buffer);
  let column = 0;
  for (const part of parts) {
    const w = part.shape[axis]!;
    copyRows(words, ops.offset(part), w, ops.offset(out) + column, width, w, rows);
    column += w;
  }
  return out;
}

/**
 * `SplitV` for the wasm backend along the *last* axis (the gradient of a channel concat): wasm's
 * own kernel slices element by element; this moves rows on the wasm heap. Other axes and dtypes go
 * to wasm's own.
 */
export function splitVWasm(args: {
  inputs: { x: TensorInfo };
  backend: BackendWasm;
  attrs: SplitVAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const rank = x.shape.length;
  const axis = util.parseAxisParam(attrs.axis, x.shape)[0];
  if (rank < 2 || axis !== rank - 1 || !fourByte(x)) return runStockKernel(SplitV, args) as TensorInfo[];
  const sizes = backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis);
  const width = x.shape[axis]!;
  const rows = util.sizeFromShape(x.shape) / width;
  const ops = new WasmOps(backend);
  if (rows >= MIN_TRANSPOSE_ROWS && sizes.every((w) => w === sizes[0] && w > 0)) {
    // equal widths: one XNNPACK transpose [rows, k, w] → [k, rows, w], then k block moves
    const w0 = sizes[0]!;
    const t = ops.transpose(ops.reshape(x, [rows, sizes.length, w0]), [1, 0, 2]);
    const outs = sizes.map(() => ops.makeOutput([...x.shape.slice(0, axis), w0], x.dtype as 'float32' | 'int32'));
    const words = new Int32Array(ops.heap().buffer);
    outs.forEach((o, k) =>
      words.copyWithin(ops.offset(o), ops.offset(t) + k * rows * w0, ops.offset(t) + (k + 1) * rows * w0),
    );
    ops.disposeAllBut(...outs);
    return outs;
  }
  const outs = sizes.map((w) => ops.makeOutput([...x.shape.slice(0, axis), w], x.dtype as 'float32' | 'int32'));
  const words = new Int32Array(ops.heap().buffer);
  let column = 0;
  sizes.forEach((w, k) => {
    if (w > 0) copyRows(words, ops.offset(x) + column, width, ops.offset(outs[k]!), w, w, rows);
    column += w;
  });
  return outs;
}

/** Kernel registration entries for `tf.registerKernel`. */
export const concatWasmConfig: KernelConfig = {
  kernelName: Concat,
  backendName: 'wasm',
  kernelFunc: kernelFunc(concatWasm),
};
export const splitVWasmConfig: KernelConfig = {
  kernelName: SplitV,
  backendName: 'wasm',
  kernelFunc: kernelFunc(splitVWasm),
};
