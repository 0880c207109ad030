import type { KernelConfig } from '@tensorflow/tfjs-core';

/** Internal: wasm's own kernel configs that qfcn replaced, by kernel name, so they can be restored. */
export const replacedWasmKernels = new Map<string, KernelConfig>();
