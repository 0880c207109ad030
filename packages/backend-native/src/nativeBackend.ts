import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { defaultPoolBytes } from './defaultPoolBytes';
import type { backend_util, DataId, DataType } from '@tensorflow/tfjs-core';

/** How often one kernel ran on the addon and how often it fell back to the cpu kernel. */
export interface KernelCount {
  native: number;
  fallback: number;
  /** Why the last fallback happened (unsupported dtype, prelu, oneDNN refusal, ...). */
  lastFallbackReason?: string;
}

/** Buffer-pool figures of a native backend. */
export interface PoolStats {
  /** Outputs served from the pool / freshly allocated since creation. */
  reused: number;
  allocated: number;
  /** Bytes held by the pool now, and its cap. */
  pooledBytes: number;
  capBytes: number;
}

/**
 * The `qfcn-native` backend: the tfjs cpu backend (tensors in JS typed arrays, every cpu kernel
 * available) whose hot kernels run in the oneDNN addon, with a pool of output buffers.
 *
 * When to use: created by tfjs from the factory `registerNativeBackend` registers; read
 * `kernelStats()` to see which kernels ran natively, `poolStats()` for the buffer pool.
 *
 * Details:
 * - `threads` is the OpenMP team size the addon was given for this JS thread.
 * - Buffer pool: a training step allocates hundreds of large Float32Arrays; fresh ones cost page
 *   faults and V8 "external memory pressure" garbage collections (measured: a third of a step).
 *   Arrays the native kernels allocate go back to a pool when their last tensor is disposed and
 *   are reused for the next output of the same length — but only when nothing else can still see
 *   them: an array that was ever read out (`dataSync`, `data`, `arraySync`, moves to another
 *   backend: every path through `readSync`/`read`) is never recycled, and an array shared by
 *   several tensors (cpu kernels may return views of their input) is recycled only after all of
 *   them are disposed. Default cap `poolBytes` = `defaultPoolBytes()` (a quarter of RAM, at most
 *   8 GiB); over the cap, the buffers of the sizes used least recently go first. `releasePool()`
 *   empties it.
 *
 * Example: `(tf.backend() as NativeBackend).kernelStats().Conv2D?.native`
 */
export class NativeBackend extends MathBackendCPU {
  readonly threads: number;
  private readonly counts = new Map<string, KernelCount>();
  private readonly pool = new Map<number, Float32Array[]>();
  private readonly capBytes: number;
  private pooledBytes = 0;
  private reused = 0;
  private allocated = 0;
  /** The array alloc() made for a buffer (only those are recycled). */
  private readonly owner = new WeakMap<ArrayBufferLike, Float32Array>();
  /** Live tensors whose values are on a buffer. */
  private readonly sharers = new WeakMap<ArrayBufferLike, number>();
  /** Buffers whose contents were handed out of the backend. */
  private readonly escaped = new WeakSet<ArrayBufferLike>();

  constructor(threads: number, options: { poolBytes?: number } = {}) {
    super();
    this.threads = threads;
    this.capBytes = options.poolBytes ?? defaultPoolBytes();
    // The cpu backend's first write prints "install tfjs-node to speed things up": this is that.
    (this as unknown as { firstUse: boolean }).firstUse = false;
  }

  /** A Float32Array of `length` for a kernel output, from the pool when one is free (contents undefined). */
  alloc(length: number): Float32Array {
    const list = this.pool.get(length);
    const hit = list?.pop();
    if (hit) {
      this.pooledBytes -= hit.byteLength;
      this.reused++;
      this.touch(length, list!);
      return hit;
    }
    const fresh = new Float32Array(length);
    this.owner.set(fresh.buffer, fresh);
    this.allocated++;
    return fresh;
  }

  override write(values: backend_util.BackendValues, shape: number[], dtype: DataType): DataId {
    const id = super.write(values, shape, dtype);
    this.share(values);
    return id;
  }

  override move(
    dataId: DataId,
    values: backend_util.BackendValues,
    shape: number[],
    dtype: DataType,
    refCount: number,
  ): void {
    super.move(dataId, values, shape, dtype, refCount);
    this.share(values);
  }

  override readSync(dataId: DataId): backend_util.BackendValues {
    const values = super.readSync(dataId);
    if (ArrayBuffer.isView(values)) this.escaped.add(values.buffer);
    return values;
  }

  override read(dataId: DataId): Promise<backend_util.BackendValues> {
    return Promise.resolve(this.readSync(dataId));
  }

  override disposeData(dataId: DataId, force = false): boolean {
    const values = this.data.get(dataId)?.values;
    const released = super.disposeData(dataId, force);
    if (released && values && ArrayBuffer.isView(values) && !this.data.has(dataId)) this.unshare(values.buffer);
    return released;
  }

  override dispose(): void {
    this.releasePool();
    super.dispose();
  }

  /** Drops every pooled buffer (the garbage collector frees them). */
  releasePool(): void {
    this.pool.clear();
    this.pooledBytes = 0;
  }

  /** Pool figures since the backend was created. */
  poolStats(): PoolStats {
    return { reused: this.reused, allocated: this.allocated, pooledBytes: this.pooledBytes, capBytes: this.capBytes };
  }

  /** Counts one native run of `kernelName`. */
  recordNative(kernelName: string): void {
    this.count(kernelName).native++;
  }

  /** Counts one fallback of `kernelName` to the cpu kernel, with its reason. */
  recordFallback(kernelName: string, reason: string): void {
    const c = this.count(kernelName);
    c.fallback++;
    c.lastFallbackReason = reason;
  }

  /** Native/fallback counts per overridden kernel since the backend was created or last reset. */
  kernelStats(): Record<string, KernelCount> {
    const out: Record<string, KernelCount> = {};
    for (const [name, c] of this.counts) out[name] = { ...c };
    return out;
  }

  /** Zeroes the counts of `kernelStats()`. */
  resetKernelStats(): void {
    this.counts.clear();
  }

  private share(values: backend_util.BackendValues | undefined): void {
    if (!values || !ArrayBuffer.isView(values)) return;
    this.sharers.set(values.buffer, (this.sharers.get(values.buffer) ?? 0) + 1);
  }

  private unshare(buffer: ArrayBufferLike): void {
    const left = (this.sharers.get(buffer) ?? 1) - 1;
    if (left > 0) {
      this.sharers.set(buffer, left);
      return;
    }
    this.sharers.delete(buffer);
    const array = this.owner.get(buffer);
    if (!array || this.escaped.has(buffer) || array.byteLength > this.capBytes) return;
    // Over the cap: drop the buffers of the sizes used least recently (a model run at another
    // input size leaves buffers no later step can use).
    for (const [length, list] of this.pool) {
      if (this.pooledBytes + array.byteLength <= this.capBytes) break;
      while (list.length > 0 && this.pooledBytes + array.byteLength > this.capBytes) {
        this.pooledBytes -= list.pop()!.byteLength;
      }
      if (list.length === 0) this.pool.delete(length);
    }
    const list = this.pool.get(array.length) ?? [];
    list.push(array);
    this.pooledBytes += array.byteLength;
    this.touch(array.length, list);
  }

  /** Marks a size as the most recently used (Map iteration order is the eviction order). */
  private touch(length: number, list: Float32Array[]): void {
    this.pool.delete(length);
    this.pool.set(length, list);
  }

  private count(kernelName: string): KernelCount {
    let c = this.counts.get(kernelName);
    if (!c) {
      c = { native: 0, fallback: 0 };
      this.counts.set(kernelName, c);
    }
    return c;
  }
}
