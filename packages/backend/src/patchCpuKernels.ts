import { getKernel, registerKernel, ResizeBilinearGrad, unregisterKernel } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { resizeBilinearGradShapeFix } from './cpu/resizeBilinearGradShapeFix';

/**
 * Fixes the cpu backend's kernels that FCN training needs and that tfjs 4.22 gets wrong; returns the
 * names of the kernels it patched (empty when already patched).
 *
 * When to use: `initBackend` calls it before choosing a backend (so `qfcn-native`, which copies the
 * cpu kernels when it registers, gets the fixed ones too). Call it yourself only when you set the cpu
 * backend up by hand.
 *
 * Details: `ResizeBilinearGrad` on cpu reports the shape `[batch, width, height, depth]` for a
 * gradient whose values are in `[batch, height, width, depth]` order, so training through
 * `tf.image.resizeBilinear` fails for every non-square input; the patched kernel reports the input
 * images' shape. Values are untouched (the parity spec checks them against wasm). Idempotent.
 *
 * @example
 * patchCpuKernels(); // ['ResizeBilinearGrad']
 * patchCpuKernels(); // []
 */
export function patchCpuKernels(): string[] {
  const patched: string[] = [];
  const original = getKernel(ResizeBilinearGrad, 'cpu');
  if (original != null) {
    const fixed = resizeBilinearGradShapeFix(original);
    if (fixed !== original) {
      unregisterKernel(ResizeBilinearGrad, 'cpu');
      registerKernel(fixed);
      patched.push(ResizeBilinearGrad);
    }
  }
  return patched;
}
