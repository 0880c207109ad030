import { Tile, type KernelConfig, type TensorInfo, type TileAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { runStockKernel } from './stockKernel';
import { WasmOps } from './wasmOps';
import { kernelFunc } from '../internal/kernelFunc';

/**
 * `Tile` for the wasm backend, for 4-byte dtypes (float32, int32): tfjs composes the batch-norm
 * gradient from tiles of per-channel vectors to full activation size, and wasm's own `Tile` (an
 * element-by-element loop) was the largest single cost of an FCN training step.
 *
 * Details: builds the output axis by axis from the innermost tiled one: the untiled inner block is
 * one block move, and each tiled axis is filled by doubling `copyWithin` (log₂(reps) block moves),
 * so tiling `[1,1,1,C]` to `[N,H,W,C]` is a handful of `memmove`s. Other dtypes (bool, string,
 * complex) go to wasm's own kernel.
 */
export function tileWasm(args: { inputs: { x: TensorInfo }; backend: BackendWasm; attrs: TileAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    return runStockKernel(Tile, args) as TensorInfo;
  }
  const shape = x.shape;
  const reps = attrs.reps;
  const rank = shape.length;
  const outShape = shape.map((s, i) => s * reps[i]!);
  const ops = new WasmOps(backend);
  const out = ops.makeOutput(outShape, x.dtype);
  if (outShape.some((s) => s === 0)) return out;

  const words = new Int32Array(ops.heap().buffer);
  const src = ops.offset(x);
  const dst = ops.offset(out);
  const inBlock = new Array<number>(rank + 1).fill(1);
  const outBlock = new Array<number>(rank + 1).fill(1);
  for (let k = rank - 1; k >= 0; k--) {
    inBlock[k] = inBlock[k + 1]! * shape[k]!;
    outBlock[k] = outBlock[k + 1]! * outShape[k]!;
  }
  // First axis from which no inner axis is tiled: below it, blocks are copied whole.
  let plain = rank;
  while (plain > 0 && reps[plain - 1] === 1) plain--;
  const fill = (k: number, inOff: number, outOff: number): void => {
    if (k === plain) {
      words.copyWithin(outOff, inOff, inOff + inBlock[k]!);
      return;
    }
    for (let i = 0; i < shape[k]!; i++) fill(k + 1, inOff + i * inBlock[k + 1]!, outOff + i * outBlock[k + 1]!);
    const chunk = shape[k]! * outBlock[k + 1]!;
    const total = reps[k]! * chunk;
    for (let filled = chunk; filled < total; ) {
      const n = Math.min(filled, total - filled);
      words.copyWithin(outOff + filled, outOff, outOff + n);
      filled += n;
    }
  };
  fill(0, src, dst);
  return out;
}

/** Kernel registration entry for `tf.registerKernel`. */
export const tileWasmConfig: KernelConfig = {
  kernelName: Tile,
  backendName: 'wasm',
  kernelFunc: kernelFunc(tileWasm),
};
