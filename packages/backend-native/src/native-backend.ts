import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

/** How often one kernel ran on the addon and how often it fell back to the cpu kernel. */
export interface KernelCount {
  native: number;
  fallback: number;
  /** Why the last fallback happened (unsupported dtype, prelu, oneDNN refusal, ...). */
  lastFallbackReason?: string;
}

/**
 * The `qfcn-native` backend: the tfjs cpu backend (tensors in JS typed arrays, every cpu kernel
 * available) whose hot kernels run in the oneDNN addon.
 *
 * When to use: created by tfjs from the factory `registerNativeBackend` registers; read
 * `kernelStats()` to see which kernels ran natively.
 *
 * Details: `threads` is the OpenMP team size the addon was given for this JS thread.
 *
 * Example: `(tf.backend() as NativeBackend).kernelStats().Conv2D?.native`
 */
export class NativeBackend extends MathBackendCPU {
  readonly threads: number;
  private readonly counts = new Map<string, KernelCount>();

  constructor(threads: number) {
    super();
    this.threads = threads;
    // The cpu backend's first write prints "install tfjs-node to speed things up": this is that.
    (this as unknown as { firstUse: boolean }).firstUse = false;
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

  private count(kernelName: string): KernelCount {
    let c = this.counts.get(kernelName);
    if (!c) {
      c = { native: 0, fallback: 0 };
      this.counts.set(kernelName, c);
    }
    return c;
  }
}
