import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { patchCpuKernels } from './patchCpuKernels';

tf.env().set('PROD', true);

/** Gradient of Σ resizeBilinear(x, [1, 4]) for x = [[a, b]] (1×1×2×1, non-square), on cpu. */
function grad(): tf.Tensor {
  const x = tf.tensor4d([3, 7], [1, 1, 2, 1]);
  const g = tf.grad((a: tf.Tensor) => tf.sum(tf.image.resizeBilinear(a as tf.Tensor4D, [1, 4])))(x);
  x.dispose();
  return g;
}

describe('patchCpuKernels', () => {
  it('stock cpu ResizeBilinearGrad on a 1x1x2x1 input reports shape 1,2,1,1 and the gradient fails', async () => {
    await tf.setBackend('cpu');
    expect(() => grad()).toThrow(/has shape '1,2,1,1', which does not match the shape of the input '1,1,2,1'/);
  });

  it('patched: shape 1x1x2x1, values [1.5, 2.5] (columns 0, 0.5, 1, 1.5 sample a, (a+b)/2, b, b); idempotent', async () => {
    expect(patchCpuKernels()).toEqual(['ResizeBilinearGrad']);
    expect(patchCpuKernels()).toEqual([]);
    const g = grad();
    expect(g.shape).toEqual([1, 1, 2, 1]);
    expect(Array.from(g.dataSync())).toEqual([1.5, 2.5]);
    g.dispose();
  });
});
