import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { cpuFusedKernels } from './fusedKernelsCpu';
import { wasmFusedKernels } from './fusedKernelsWasm';

/**
 * Registers qfcn's fused kernels (`kernelNames.ts`: `QfcnAdamUpdate`, ...) on one backend and
 * returns their names; `[]` for a backend without implementations here (the ops then compose
 * stock kernels).
 *
 * When to use: `initBackend` calls it for the backend it picks; call it yourself after setting a
 * backend up by hand.
 *
 * Details: `'wasm'` gets JS loops over the wasm heap; `'cpu'` and any initialized backend that
 * extends tfjs' cpu backend (e.g. `'qfcn-native'`, whose tensors are JS typed arrays) get JS loops
 * over its arrays. A kernel the backend already has (e.g. a native one) is left alone. Idempotent.
 *
 * @example
 * await tf.setBackend('cpu');
 * registerFusedKernels('cpu'); // ['QfcnAdamUpdate', ...]
 */
export function registerFusedKernels(backendName: string): string[] {
  let configs: tf.KernelConfig[];
  if (backendName === 'wasm') configs = wasmFusedKernels();
  else if (backendName === 'cpu' || isCpuFamily(tf.findBackend(backendName))) configs = cpuFusedKernels(backendName);
  else return [];
  const names: string[] = [];
  for (const config of configs) {
    if (tf.getKernel(config.kernelName, backendName) == null) tf.registerKernel(config);
    names.push(config.kernelName);
  }
  return names;
}

function isCpuFamily(backend: tf.KernelBackend | null): boolean {
  if (backend == null) return false;
  if (backend instanceof MathBackendCPU) return true;
  // a second copy of tfjs-backend-cpu: same shape of backend
  const b = backend as unknown as { data?: { get?: unknown }; makeTensorInfo?: unknown; wasm?: unknown };
  return typeof b.data?.get === 'function' && typeof b.makeTensorInfo === 'function' && b.wasm === undefined;
}
