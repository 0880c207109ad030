/**
 * @qfcn/backend in a web page — the browser-safe root entry (what bundlers get for `@qfcn/backend`
 * outside Node). No Node built-ins, no side effects: nothing is registered or selected until
 * `initBackend` is called (webgpu, webgl, wasm or cpu). Node gets `./index` (the `node` export
 * condition), with worker threads, the native backend and the threaded wasm build for Node.
 */
export { initBackend, type BrowserInitBackendOptions } from './browser/initBackend';
export { assertKernels } from './assertKernels';
export { assertGradients } from './assertGradients';
export { traceKernels } from './traceKernels';
export { requiredTrainingKernels, requiredInferenceKernels, requiredGradientKernels } from './requiredKernels';
export {
  MissingKernelError,
  MissingGradientError,
  UnsupportedKernelCaseError,
  BackendUnavailableError,
  WorkerTaskError,
} from './errors';
