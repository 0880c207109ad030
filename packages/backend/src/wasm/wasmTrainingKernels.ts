import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterWasmConfig } from './conv2dBackpropFilterWasm';
import { conv2dBackpropInputWasmConfig } from './conv2dBackpropInputWasm';
import { maxPoolGradWasmConfig } from './maxPoolGradWasm';
import { tileWasmConfig } from './tileWasm';

/** Internal: the kernels qfcn registers on wasm, by kernel name. */
export const wasmTrainingKernels: ReadonlyMap<string, KernelConfig> = new Map([
  [conv2dBackpropFilterWasmConfig.kernelName, conv2dBackpropFilterWasmConfig],
  [conv2dBackpropInputWasmConfig.kernelName, conv2dBackpropInputWasmConfig],
  [maxPoolGradWasmConfig.kernelName, maxPoolGradWasmConfig],
  [tileWasmConfig.kernelName, tileWasmConfig],
]);

export { replacedWasmKernels } from './replacedWasmKernels';
