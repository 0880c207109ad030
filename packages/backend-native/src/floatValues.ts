import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeBackend } from './nativeBackend';

/**
 * The Float32Array behind a float32 tensor of the native backend, or `null` for any other dtype.
 *
 * When to use: by the native kernels, to hand tensor storage to the addon without a copy.
 *
 * Details: the cpu backend keeps float32 data as a Float32Array (possibly a view with an offset:
 * the addon honours it).
 *
 * Example: `const x = floatValues(backend, inputs.x); if (!x) return 'x is not float32';`
 */
export function floatValues(backend: NativeBackend, tensor: TensorInfo): Float32Array | null {
  if (tensor.dtype !== 'float32') return null;
  const values = backend.data.get(tensor.dataId)?.values;
  return values instanceof Float32Array ? values : null;
}
