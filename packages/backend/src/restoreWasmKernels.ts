import { findBackend, getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { replacedWasmKernels, wasmTrainingKernels } from './wasm/wasmTrainingKernels';

/**
 * Undoes {@link registerWasmTrainingKernels}: removes qfcn's wasm kernels and puts back the ones of
 * wasm they replaced. Returns the names of the kernels it removed.
 *
 * When to use: comparisons with stock tfjs wasm (benchmarks, bug reports). Training conv nets on
 * wasm needs qfcn's kernels, so you rarely want this otherwise.
 *
 * @example
 * registerWasmTrainingKernels();
 * restoreWasmKernels(); // ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Tile', 'Sum', 'Mean', 'Concat', 'SplitV', 'Identity']; wasm's own are back
 */
export function restoreWasmKernels(): string[] {
  const removed: string[] = [];
  for (const [name, ours] of wasmTrainingKernels) {
    if (getKernel(name, 'wasm') !== ours) continue;
    unregisterKernel(name, 'wasm');
    removed.push(name);
    const original = replacedWasmKernels.get(name);
    if (original) {
      registerKernel(original);
      replacedWasmKernels.delete(name);
      // A kernel replaced before wasm initialized never had its setup (cwrap) run: run it now.
      const backend = findBackend('wasm');
      if (backend != null && original.setupFunc) original.setupFunc(backend);
    }
  }
  return removed;
}
