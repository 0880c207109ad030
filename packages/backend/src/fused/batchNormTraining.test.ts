import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../initBackend';
import { batchNormTraining } from './batchNormTraining';
import { BatchNormTraining, BatchNormTrainingGrad } from './kernelNames';

function seeded(n: number, seed: number, scale = 1, offset = 0): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((s / 2 ** 32) * 2 - 1) * scale + offset;
  });
}

/** Runs `fn` with both fused kernels unregistered on the current backend (the composed ops). */
function composed<T>(fn: () => T): T {
  const backend = tf.getBackend();
  const kernels = [BatchNormTraining, BatchNormTrainingGrad].map((name) => tf.getKernel(name, backend)!);
  for (const k of kernels) tf.unregisterKernel(k.kernelName, backend);
  try {
    return fn();
  } finally {
    for (const k of kernels) tf.registerKernel(k);
  }
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`batchNormTraining on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend(backend, { log: false });
    });
    afterAll(async () => {
      await tf.setBackend('cpu');
    });

    it('registers QfcnBatchNormTraining and QfcnBatchNormTrainingGrad', () => {
      expect(tf.getKernel(BatchNormTraining, backend)).toBeDefined();
      expect(tf.getKernel(BatchNormTrainingGrad, backend)).toBeDefined();
    });

    it('x [2,1] = [1, 3], γ 2, β 1, ε 0: mean 2, variance 1, y = [-1, 3]', () => {
      const [y, mean, variance] = tf.tidy(() => {
        const r = batchNormTraining(tf.tensor2d([[1], [3]]), tf.tensor1d([2]), tf.tensor1d([1]), 0);
        return [r.y, r.mean, r.variance].map((t) => Array.from(t.dataSync()));
      });
      expect(y).toEqual([-1, 3]);
      expect(mean).toEqual([2]);
      expect(variance).toEqual([1]);
    });

    it('x [2,5,7,3] (odd sizes, mean 0.7): y, mean, variance and the gradients in x, γ, β through all three outputs match the composed ops (rel 2e-5)', () => {
      const shape = [2, 5, 7, 3];
      const n = 2 * 5 * 7 * 3;
      const x = tf.tensor(seeded(n, 1, 2, 0.7), shape);
      const gamma = tf.tensor1d([1.5, -0.5, 0.8]);
      const beta = tf.tensor1d([0.1, 0.2, -0.3]);
      const wy = tf.tensor(seeded(n, 2), shape);
      const wm = tf.tensor1d([0.3, -1, 2]);
      const wv = tf.tensor1d([-0.7, 0.4, 1.1]);
      const run = () =>
        tf.tidy(() => {
          const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
            const r = batchNormTraining(a, g, b, 1e-3);
            return tf.addN([
              tf.sum(tf.mul(r.y, wy)),
              tf.sum(tf.mul(r.mean, wm)),
              tf.sum(tf.mul(r.variance, wv)),
            ]) as tf.Scalar;
          };
          const fwd = batchNormTraining(x, gamma, beta, 1e-3);
          const grads = tf.grads(f)([x, gamma, beta]);
          return [fwd.y, fwd.mean, fwd.variance, ...grads].map((t) => Array.from(t.dataSync()));
        });
      const fused = run();
      const plain = composed(run);
      for (let i = 0; i < fused.length; i++) expect(maxRelDiff(fused[i]!, plain[i]!), `output ${i}`).toBeLessThan(2e-5);
      tf.dispose([x, gamma, beta, wy, wm, wv]);
    });

    it('leak-free: 4 forward+backward passes leave tf.memory().numTensors unchanged', () => {
      const x = tf.tensor(seeded(4 * 6 * 6 * 5, 3), [4, 6, 6, 5]);
      const gamma = tf.ones([5]);
      const beta = tf.zeros([5]);
      const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(batchNormTraining(a, g, b, 1e-3).y)) as tf.Scalar;
      tf.dispose(tf.grads(f)([x, gamma, beta])); // warm-up
      const before = tf.memory().numTensors;
      for (let i = 0; i < 4; i++) tf.dispose(tf.grads(f)([x, gamma, beta]));
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, gamma, beta]);
    });

    it('γ or β not [channels], rank-1 x, negative ε: InvalidArgumentError naming it', () => {
      tf.tidy(() => {
        const x = tf.zeros([2, 3, 3, 4]);
        expect(() => batchNormTraining(x, tf.ones([3]), tf.zeros([4]), 1e-3)).toThrow(/gamma.*\[4\].*\[3\]/);
        expect(() => batchNormTraining(x, tf.ones([4]), tf.zeros([2, 2]), 1e-3)).toThrow(/beta/);
        expect(() => batchNormTraining(tf.zeros([4]), tf.ones([4]), tf.zeros([4]), 1e-3)).toThrow(/rank 2/);
        expect(() => batchNormTraining(x, tf.ones([4]), tf.zeros([4]), -1)).toThrow(/varianceEpsilon/);
      });
    });
  });
}
