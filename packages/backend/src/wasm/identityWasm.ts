import { Identity, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { kernelFunc } from '../internal/kernelFunc';

/**
 * `Identity` for the wasm backend that shares the input's buffer (one more reference) instead of
 * copying it, as tfjs' cpu backend does; tensors are immutable, and wasm frees a buffer only when
 * its last reference is disposed. Gradients of adds and reshapes run it on full activations.
 */
export function identityWasm(args: { inputs: { x: TensorInfo }; backend: BackendWasm }): TensorInfo {
  const { x } = args.inputs;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

/** Kernel registration entry for `tf.registerKernel`. */
export const identityWasmConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: kernelFunc(identityWasm),
};
