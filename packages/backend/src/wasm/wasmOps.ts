import { getKernel, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Internal: calls wasm's own kernels (XNNPACK convolution and matmul, C++ transpose, strided slice,
 * pad, ...) directly from inside another kernel, the way tfjs backends compose kernels, and disposes
 * every intermediate it created unless it is kept.
 *
 * Calling kernel functions (not tf ops) keeps the composition invisible to the gradient tape and to
 * `tf.memory()`: the engine sees one kernel with one output.
 */
export class WasmOps {
  private readonly live: TensorInfo[] = [];

  constructor(readonly backend: BackendWasm) {}

  /** Runs `kernelName` on the wasm backend; the result is tracked for `disposeAllBut`. */
  run(kernelName: string, inputs: Record<string, TensorInfo> | TensorInfo[], attrs: NamedAttrMap = {}): TensorInfo {
    const config = getKernel(kernelName, 'wasm');
    if (config == null) throw new Error(`wasm kernel '${kernelName}' is not registered`);
    // Concat takes its inputs as an array, like tfjs' own dispatch does.
    const out = config.kernelFunc({
      inputs: inputs as Record<string, TensorInfo>,
      attrs,
      backend: this.backend,
    }) as TensorInfo;
    this.live.push(out);
    return out;
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  pad(x: TensorInfo, paddings: Array<[number, number]>): TensorInfo {
    if (paddings.every(([a, b]) => a === 0 && b === 0)) return x;
    return this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }

  /** `x[begin : begin + size * strides : strides]` per axis. */
  stridedSlice(x: TensorInfo, begin: number[], size: number[], strides: number[]): TensorInfo {
    const end = begin.map((b, i) => b + (size[i]! - 1) * strides[i]! + 1);
    return this.run(
      'StridedSlice',
      { x },
      { begin, end, strides, beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0 },
    );
  }

  reverse(x: TensorInfo, dims: number[]): TensorInfo {
    return this.run('Reverse', { x }, { dims });
  }

  concat(xs: TensorInfo[], axis: number): TensorInfo {
    if (xs.length === 1) return xs[0]!;
    return this.run('Concat', xs, { axis });
  }

  /** Plain `a · b` (no transposes: the fast XNNPACK path of wasm's BatchMatMul). */
  matMul(a: TensorInfo, b: TensorInfo): TensorInfo {
    return this.run('BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
  }

  /** Stride-1, dilation-1 NHWC convolution with explicit padding. */
  conv2d(x: TensorInfo, filter: TensorInfo, pads: [number, number, number, number]): TensorInfo {
    const [top, bottom, left, right] = pads;
    return this.run(
      'Conv2D',
      { x, filter },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [top, bottom],
          [left, right],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [1, 1],
        dimRoundingMode: undefined as unknown as string,
      },
    );
  }

  /** A new, uninitialized output of `shape` (for kernels that fill it from JS). */
  makeOutput(shape: number[], dtype: 'float32' | 'int32' = 'float32'): TensorInfo {
    const out = this.backend.makeOutput(shape, dtype);
    this.live.push(out);
    return out;
  }

  /**
   * A float32 view of the whole wasm heap. Allocations can grow (and so detach) it: take it after
   * the last `makeOutput` / kernel call of a step.
   */
  heap(): Float32Array {
    const wasm = this.backend.wasm as unknown as { HEAPU8: Uint8Array; wasmMemory?: { buffer: ArrayBufferLike } };
    // The threaded build's memory is shared and may have grown under another thread, leaving
    // Emscripten's HEAPU8 view stale: its Memory object always has the current buffer.
    const buffer = wasm.wasmMemory?.buffer ?? wasm.HEAPU8.buffer;
    return new Float32Array(buffer, 0, buffer.byteLength >>> 2);
  }

  /** Index of `info`'s first element in {@link heap}. */
  offset(info: TensorInfo): number {
    return (this.backend.dataIdMap.get(info.dataId)!.memoryOffset as number) >>> 2;
  }

  zeros(shape: number[]): TensorInfo {
    return this.run('Fill', {}, { shape, value: 0, dtype: 'float32' });
  }

  /** Disposes these intermediates now (to bound peak memory) and stops tracking them. */
  release(...infos: TensorInfo[]): void {
    for (const info of infos) {
      const at = this.live.indexOf(info);
      if (at >= 0) {
        this.live.splice(at, 1);
        this.backend.disposeData(info.dataId);
      }
    }
  }

  /** Disposes every tracked intermediate except `keep` (the kernel's outputs). */
  disposeAllBut(...keep: TensorInfo[]): void {
    for (const info of this.live) {
      if (!keep.includes(info)) this.backend.disposeData(info.dataId);
    }
    this.live.length = 0;
  }

  /** Disposes every tracked intermediate (error path). */
  disposeAll(): void {
    for (const info of this.live) this.backend.disposeData(info.dataId);
    this.live.length = 0;
  }
}
