import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterWasmConfig } from './conv2dBackpropFilterWasm';
import { conv2dBackpropInputWasmConfig } from './conv2dBackpropInputWasm';
import { maxPoolGradWasmConfig } from './maxPoolGradWasm';
import { tileWasmConfig } from './tileWasm';
import { meanWasmConfig, sumWasmConfig } from './reduceLeadingWasm';
import { concatWasmConfig, splitVWasmConfig } from './channelConcatWasm';
import { identityWasmConfig } from './identityWasm';

/** Internal: the kernels qfcn registers on wasm, by kernel name. */
export const wasmTrainingKernels: ReadonlyMap<string, KernelConfig> = new Map([
  [conv2dBackpropFilterWasmConfig.kernelName, conv2dBackpropFilterWasmConfig],
  [conv2dBackpropInputWasmConfig.kernelName, conv2dBackpropInputWasmConfig],
  [maxPoolGradWasmConfig.kernelName, maxPoolGradWasmConfig],
  [tileWasmConfig.kernelName, tileWasmConfig],
  [sumWasmConfig.kernelName, sumWasmConfig],
  [meanWasmConfig.kernelName, meanWasmConfig],
  [concatWasmConfig.kernelName, concatWasmConfig],
  [splitVWasmConfig.kernelName, splitVWasmConfig],
  [identityWasmConfig.kernelName, identityWasmConfig],
]);

export { replacedWasmKernels } from './replacedWasmKernels';
