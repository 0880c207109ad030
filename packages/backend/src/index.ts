export { runInWorkers, type RunInWorkersOptions, type WorkerContext } from './runInWorkers';
export { initBackend, type InitBackendOptions } from './initBackend';
export { assertKernels } from './assertKernels';
export { assertGradients } from './assertGradients';
export { traceKernels } from './traceKernels';
export { requiredTrainingKernels, requiredInferenceKernels, requiredGradientKernels } from './requiredKernels';
export { registerWasmTrainingKernels, type RegisterWasmTrainingKernelsOptions } from './registerWasmTrainingKernels';
export { restoreWasmKernels } from './restoreWasmKernels';
export { patchCpuKernels } from './patchCpuKernels';
export { resolveWasmDir, WASM_BINARIES } from './resolveWasmDir';
export { registerThreadedWasm, MAX_WASM_THREADS, type ThreadedWasmRegistration } from './wasm/registerThreadedWasm';
export {
  MissingKernelError,
  MissingGradientError,
  UnsupportedKernelCaseError,
  BackendUnavailableError,
  WorkerTaskError,
} from './errors';
export { adamUpdate } from './fused/adamUpdate';
export { registerFusedKernels } from './fused/registerFusedKernels';
export {
  AdamUpdate,
  BatchNormTraining,
  BatchNormTrainingGrad,
  FUSED_KERNELS,
  type AdamUpdateAttrs,
  type BatchNormTrainingAttrs,
} from './fused/kernelNames';
export { batchNormTraining } from './fused/batchNormTraining';
