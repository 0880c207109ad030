import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../initBackend';
import { registerWasmTrainingKernels } from '../registerWasmTrainingKernels';
import { restoreWasmKernels } from '../restoreWasmKernels';

tf.env().set('PROD', true);

/** Gradient of Σ maxPool(x)·weights with respect to x, on the current backend. */
function poolGrad(x: tf.Tensor4D, size: number, stride: number, pad: 'same' | 'valid', weights: number[]): number[] {
  return tf.tidy(() => {
    const g = tf.grad((a: tf.Tensor) => {
      const y = tf.maxPool(a as tf.Tensor4D, size, stride, pad);
      return tf.sum(tf.mul(y, tf.tensor(weights, y.shape)));
    })(x);
    return Array.from(g.dataSync());
  });
}

beforeAll(async () => {
  await initBackend('wasm', { log: false });
});
afterAll(() => {
  registerWasmTrainingKernels();
});

describe('wasm MaxPoolGrad (qfcn)', () => {
  it('1x2x2x1 all negative [-3,-1,-2,-4], 2x2 pool: gradient 5 goes to the -1', () => {
    const x = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
    expect(poolGrad(x, 2, 2, 'valid', [5])).toEqual([0, 5, 0, 0]);
    x.dispose();
  });

  it('1x2x4x1 ties [1,1,0,0 / 0,0,0,0], 2x2 stride 2: first maximum gets the gradient (cpu convention)', () => {
    const x = tf.tensor4d([1, 1, 0, 0, 0, 0, 0, 0], [1, 2, 4, 1]);
    expect(poolGrad(x, 2, 2, 'valid', [2, 3])).toEqual([2, 0, 3, 0, 0, 0, 0, 0]);
    x.dispose();
  });

  it('1x3x3x1 overlapping 2x2 stride 1 windows sharing the maximum 9 at the centre: gradients add up', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 9, 5, 6, 7, 8], [1, 3, 3, 1]);
    // All four windows contain the centre: 1 + 2 + 3 + 4
    expect(poolGrad(x, 2, 1, 'valid', [1, 2, 3, 4])).toEqual([0, 0, 0, 0, 10, 0, 0, 0, 0]);
    x.dispose();
  });

  it('1x3x3x2 2x2 stride 2 same (odd size, padded edge windows), two channels', () => {
    // channel 0: 0..8 row-major; channel 1: 8..0
    const x = tf.tensor4d([0, 8, 1, 7, 2, 6, 3, 5, 4, 4, 5, 3, 6, 2, 7, 1, 8, 0], [1, 3, 3, 2]);
    // windows: rows {0,1}x cols {0,1}, {0,1}x{2}, {2}x{0,1}, {2}x{2}; weights per (window, channel)
    const g = poolGrad(x, 2, 2, 'same', [1, 2, 3, 4, 5, 6, 7, 8]);
    // ch0 maxima at 4 (1,1), 5 (1,2), 7 (2,1), 8 (2,2); ch1 maxima at 8 (0,0), 6 (0,2), 2 (2,0), 0 (2,2)
    expect(g).toEqual([0, 2, 0, 0, 0, 4, 0, 0, 1, 0, 3, 0, 0, 6, 5, 0, 7, 8]);
    x.dispose();
  });

  it('2x6x8x3 2x2 stride 2 (the tiled path) with many ties and negatives: equals cpu', async () => {
    let seed = 7;
    const values = Array.from({ length: 2 * 6 * 8 * 3 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.round(((seed / 2 ** 32) * 2 - 1) * 3) / 2; // multiples of 0.5 in [-1.5, 1.5]: ties
    });
    const weights = Array.from({ length: 2 * 3 * 4 * 3 }, (_, i) => i + 1);
    const x = tf.tensor4d(values, [2, 6, 8, 3]);
    const wasm = poolGrad(x, 2, 2, 'valid', weights);
    await tf.setBackend('cpu');
    const cpu = poolGrad(x, 2, 2, 'valid', weights);
    await tf.setBackend('wasm');
    expect(wasm).toEqual(cpu);
    expect(wasm.filter((v) => v !== 0)).toHaveLength(weights.length); // one element per window
    x.dispose();
  });

  it('stock wasm MaxPoolGrad (restored) gets the all-negative window wrong, which is why qfcn replaces it', () => {
    restoreWasmKernels();
    const x = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
    expect(poolGrad(x, 2, 2, 'valid', [5])).not.toEqual([0, 5, 0, 0]);
    x.dispose();
    registerWasmTrainingKernels();
    const y = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
    expect(poolGrad(y, 2, 2, 'valid', [5])).toEqual([0, 5, 0, 0]);
    y.dispose();
  });
});
