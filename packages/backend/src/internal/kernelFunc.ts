import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * A kernel written against its own typed inputs, backend and attributes, as tfjs' registry takes it.
 *
 * Details: tfjs types every `kernelFunc` with `NamedTensorInfoMap`, `KernelBackend` and `NamedAttrMap`;
 * our kernels name their inputs, their backend class (`BackendWasm`, the cpu backend) and their
 * attributes. The registry calls a kernel only with the inputs and attributes of its kernel name on
 * its own backend, so the narrowing is sound; this one function holds the one cast it needs.
 *
 * @example
 * const config: KernelConfig = { kernelName: Identity, backendName: 'wasm', kernelFunc: kernelFunc(identityWasm) };
 */
export function kernelFunc<Args extends { inputs: object; backend: object }>(
  fn: (args: Args) => TensorInfo | TensorInfo[],
): KernelFunc {
  return fn as unknown as KernelFunc;
}
