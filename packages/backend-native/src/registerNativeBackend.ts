import { batchNormTrainingGradKernel, batchNormTrainingKernel } from './kernels/batchNormTraining';
import { QFCN_KERNEL_PREFIX, ReluGrad, SquareGrad } from '@qfcn/contract';
import {
  findBackendFactory,
  getKernel,
  getKernelsForBackend,
  registerBackend,
  registerKernel,
  type KernelConfig,
} from '@tensorflow/tfjs-core';
// Side effect: registers the cpu backend and its kernels, which the native backend copies.
import '@tensorflow/tfjs-backend-cpu';
import { NATIVE_BACKEND_NAME } from './backendName';
import { batchMatMulKernel } from './kernels/batchMatMul';
import { conv2dKernel } from './kernels/conv2d';
import { conv2dBackpropFilterKernel } from './kernels/conv2dBackpropFilter';
import { conv2dBackpropInputKernel } from './kernels/conv2dBackpropInput';
import { fusedConv2dKernel } from './kernels/fusedConv2d';
import { fusedMatMulKernel } from './kernels/fusedMatMul';
import { maxPoolKernel } from './kernels/maxPool';
import { maxPoolGradKernel } from './kernels/maxPoolGrad';
import { registerNativeGradients } from './gradients/registerNativeGradients';
import { batchNormGradStatsKernel } from './kernels/batchNormGradStats';
import { binaryKernel } from './kernels/binary';
import { concatKernel } from './kernels/concat';
import { fusedBatchNormKernel } from './kernels/fusedBatchNorm';
import { reduceKernel } from './kernels/reduce';
import { sliceKernel } from './kernels/slice';
import { splitVKernel } from './kernels/splitV';
import { tileKernel } from './kernels/tile';
import { unaryKernel } from './kernels/unary';
import { loadAddon, type NativeAddon } from './loadAddon';
import { defaultPoolBytes } from './defaultPoolBytes';
import { NativeBackend } from './nativeBackend';
import { resolveThreads } from './resolveThreads';

/** Options of `registerNativeBackend`. */
export interface NativeBackendOptions {
  /** OpenMP threads for oneDNN and the pool kernels. Default: `QFCN_NATIVE_THREADS`, else all cores. */
  threads?: number;
  /**
   * Cap of the backend's pool of reusable output buffers, in bytes (see `NativeBackend`). Default
   * a quarter of RAM, at most 8 GiB; 0 disables pooling. Takes effect for backends created after the call.
   */
  poolBytes?: number;
  /** Priority given to tfjs's backend registry (higher wins when tfjs picks a default). Default 3 (cpu is 1, wasm 2). */
  priority?: number;
}

/** What `registerNativeBackend` did. */
export interface NativeBackendResult {
  ok: boolean;
  /** One line: what was registered, or why nothing was. */
  reason: string;
  /** `'qfcn-native'`: pass it to `tf.setBackend` when `ok`. */
  name: string;
  /** Threads the addon runs with (0 when not ok). */
  threads: number;
  /** The kernels that run in the addon (the others are the cpu backend's). */
  kernels: string[];
}

/** The thread count of the latest successful call (the backend factory reads it). */
let currentThreads = 1;
let currentPoolBytes = defaultPoolBytes();

const NATIVE_KERNELS: ReadonlyArray<(backendName: string, addon: NativeAddon) => KernelConfig> = [
  conv2dKernel,
  conv2dBackpropInputKernel,
  conv2dBackpropFilterKernel,
  fusedConv2dKernel,
  batchMatMulKernel,
  fusedMatMulKernel,
  maxPoolKernel,
  maxPoolGradKernel,
  fusedBatchNormKernel,
  binaryKernel('Add'),
  binaryKernel('Sub'),
  binaryKernel('Multiply'),
  binaryKernel('RealDiv'),
  binaryKernel('Maximum'),
  binaryKernel('Minimum'),
  binaryKernel('SquaredDifference'),
  unaryKernel('Relu'),
  unaryKernel('Step'),
  unaryKernel('Square'),
  unaryKernel('Sqrt'),
  unaryKernel('Rsqrt'),
  unaryKernel('Neg'),
  unaryKernel('Sigmoid'),
  unaryKernel('Exp'),
  unaryKernel('Log'),
  unaryKernel('Abs'),
  reduceKernel('Sum'),
  reduceKernel('Mean'),
  sliceKernel,
  splitVKernel,
  tileKernel,
  concatKernel,
  binaryKernel(ReluGrad),
  binaryKernel(SquareGrad),
  batchNormGradStatsKernel,
  batchNormTrainingKernel,
  batchNormTrainingGradKernel,
];

/**
 * Registers the `qfcn-native` tfjs backend: the cpu backend with its hot kernels (Conv2D and
 * both backprops, FusedConv2D, BatchMatMul, _FusedMatMul, MaxPool, MaxPoolGrad) running
 * multi-threaded in oneDNN.
 *
 * When to use: before `tf.setBackend('qfcn-native')`; `initBackend('auto')` of @qfcn/backend
 * calls it and takes this backend when `ok`.
 *
 * Details: never throws for a missing addon: `ok: false` with a one-line `reason` (addon not
 * built — install libdnnl-dev, g++, make and reinstall — or `QFCN_NATIVE_DISABLE=1`, or a
 * bad `threads`). Does not switch the current backend. Every kernel registered on `cpu` at call
 * time is registered on `qfcn-native` too, so coverage equals the cpu backend's. Calling it again
 * is harmless and only updates the thread count. Threads are per JS thread (each worker sets its
 * own). Options: `threads` (default `QFCN_NATIVE_THREADS`, else all cores), `poolBytes` (default
 * a quarter of RAM, ≤ 8 GiB), `priority` (default 3).
 *
 * Example:
 * ```ts
 * const r = await registerNativeBackend({ threads: 2 });
 * if (r.ok) await tf.setBackend(r.name); else console.log(r.reason);
 * ```
 */
export async function registerNativeBackend(options: NativeBackendOptions = {}): Promise<NativeBackendResult> {
  const { priority = 3, poolBytes = defaultPoolBytes() } = options;
  const name = NATIVE_BACKEND_NAME;
  const fail = (reason: string): NativeBackendResult => ({ ok: false, reason, name, threads: 0, kernels: [] });
  const { addon, reason } = loadAddon();
  if (!addon) return fail(reason);
  const threads = resolveThreads(options.threads);
  if (typeof threads === 'string') return fail(`qfcn-native: ${threads}`);
  if (!(poolBytes >= 0)) return fail(`qfcn-native: poolBytes must be >= 0, got ${poolBytes}`);
  currentPoolBytes = poolBytes;
  addon.setThreads(threads);
  currentThreads = threads;

  const kernels = NATIVE_KERNELS.map((make) => make(name, addon));
  const overridden = new Set(kernels.map((k) => k.kernelName));
  for (const k of getKernelsForBackend('cpu')) {
    if (!overridden.has(k.kernelName) && !getKernel(k.kernelName, name)) registerKernel({ ...k, backendName: name });
  }
  for (const k of kernels) {
    if (!getKernel(k.kernelName, name)) registerKernel(k);
  }
  const gradients = registerNativeGradients(name);
  if (!findBackendFactory(name)) {
    registerBackend(
      name,
      () => {
        // Gradients registered after registerNativeBackend (e.g. @tensorflow/tfjs imported later) get wrapped too.
        registerNativeGradients(name);
        addon.setThreads(currentThreads);
        return new NativeBackend(currentThreads, { poolBytes: currentPoolBytes });
      },
      priority,
    );
  }
  const kernelNames = [...overridden].filter((k) => !k.startsWith(QFCN_KERNEL_PREFIX)).sort();
  return {
    ok: true,
    reason: `${reason}; ${threads} thread${threads === 1 ? '' : 's'}; ${kernelNames.length} native kernels; ${
      gradients.length > 0
        ? `fused gradients of ${gradients.join(', ')}`
        : 'no tfjs gradients registered yet to fuse (import @tensorflow/tfjs)'
    }`,
    name,
    threads,
    kernels: kernelNames,
  };
}
