import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterWasmConfig } from './conv2dBackpropFilterWasm';
import { conv2dBackpropInputWasmConfig } from './conv2dBackpropInputWasm';
import { maxPoolGradWasmConfig } from './maxPoolGradWasm';

/** Internal: the kernels qfcn registers on wasm, by kernel name. */
export const wasmTrainingKernels: ReadonlyMap<string, KernelConfig> = new Map([
  [conv2dBackpropFilterWasmConfig.kernelName, conv2dBackpropFilterWasmConfig],
  [conv2dBackpropInputWasmConfig.kernelName, conv2dBackpropInputWasmConfig],
  [maxPoolGradWasmConfig.kernelName, maxPoolGradWasmConfig],
]);

/** Internal: wasm's own kernel configs that qfcn replaced, so they can be restored. */
export const replacedWasmKernels = new Map<string, KernelConfig>();
