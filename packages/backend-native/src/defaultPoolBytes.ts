import { totalmem } from 'node:os';

/**
 * The default cap of the native backend's output-buffer pool: a quarter of the machine's memory,
 * at most 8 GiB.
 *
 * When to use: the default of `registerNativeBackend`'s and `NativeBackend`'s `poolBytes`.
 *
 * Details: a training step frees and re-allocates the same set of buffers every step; the pool
 * settles at about the step's peak of temporaries (4×256²×64 float maps are 67 MB each, and the
 * FCN small preset at 256² needs a few GB), and a cap below that sends every step back to fresh
 * allocations, page faults and garbage collections.
 *
 * Example: `defaultPoolBytes()` → 6_174_015_488 on a 23 GiB machine
 */
export function defaultPoolBytes(total: number = totalmem()): number {
  return Math.min(Math.floor(total / 4), 8 * 2 ** 30);
}
