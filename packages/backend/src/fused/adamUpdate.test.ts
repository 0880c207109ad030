import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../initBackend';
import { adamUpdate } from './adamUpdate';
import { AdamUpdate, type AdamUpdateAttrs } from './kernelNames';

const attrs: AdamUpdateAttrs = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

function seeded(n: number, seed: number, scale = 1): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((s / 2 ** 32) * 2 - 1) * scale;
  });
}

/** Runs `fn` with the fused kernel unregistered on the current backend (the composed fallback). */
function composed<T>(fn: () => T): T {
  const backend = tf.getBackend();
  const kernel = tf.getKernel(AdamUpdate, backend)!;
  tf.unregisterKernel(AdamUpdate, backend);
  try {
    return fn();
  } finally {
    tf.registerKernel(kernel);
  }
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`adamUpdate on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend(backend, { log: false });
    });
    afterAll(async () => {
      await tf.setBackend('cpu');
    });

    it('registers QfcnAdamUpdate', () => {
      expect(tf.getKernel(AdamUpdate, backend)).toBeDefined();
    });

    it('first step of w=1, g=0.5 from zero moments (lr 0.1): m 0.05, v 0.00025, w 1 - 0.1*0.05/(sqrt(0.00025)+1e-8) = 0.68377...', () => {
      const out = tf.tidy(() => {
        const r = adamUpdate(tf.tensor1d([1]), tf.tensor1d([0.5]), tf.zeros([1]), tf.zeros([1]), attrs);
        return [r.w.dataSync()[0], r.m.dataSync()[0], r.v.dataSync()[0]];
      });
      expect(out[1]).toBeCloseTo(0.05, 7);
      expect(out[2]).toBeCloseTo(0.00025, 9);
      expect(out[0]).toBeCloseTo(1 - 0.005 / (Math.sqrt(0.00025) + 1e-8), 6);
    });

    it('shape [3,3,8,16], 3 chained steps: fused kernel equals the composed ops bit for bit', () => {
      const shape = [3, 3, 8, 16];
      const n = 3 * 3 * 8 * 16;
      const run = () =>
        tf.tidy(() => {
          let w: tf.Tensor = tf.tensor(seeded(n, 1), shape);
          let m: tf.Tensor = tf.zeros(shape);
          let v: tf.Tensor = tf.zeros(shape);
          for (let step = 1; step <= 3; step++) {
            const g = tf.tensor(seeded(n, 10 + step, 0.01), shape);
            ({ w, m, v } = adamUpdate(w, g, m, v, {
              ...attrs,
              learningRate: (0.1 * Math.sqrt(1 - 0.999 ** step)) / (1 - 0.9 ** step),
            }));
          }
          return [w, m, v].map((t) => Array.from(t.dataSync()));
        });
      const fused = run();
      const plain = composed(run);
      expect(fused).toEqual(plain);
      expect(fused[0]).not.toEqual(Array.from(seeded(n, 1))); // it moved
    });

    it('leak-free: 5 updates inside tidy leave tf.memory().numTensors unchanged', () => {
      const w = tf.variable(tf.tensor(seeded(64, 3), [8, 8]));
      const m = tf.variable(tf.zeros([8, 8]));
      const v = tf.variable(tf.zeros([8, 8]));
      const g = tf.tensor(seeded(64, 4), [8, 8]);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) {
        tf.tidy(() => {
          const r = adamUpdate(w, g, m, v, attrs);
          w.assign(r.w);
          m.assign(r.m);
          v.assign(r.v);
        });
      }
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([w, m, v, g]);
    });

    it('shape or dtype mismatch: InvalidArgumentError naming the input', () => {
      tf.tidy(() => {
        expect(() => adamUpdate(tf.zeros([2, 3]), tf.zeros([3, 2]), tf.zeros([2, 3]), tf.zeros([2, 3]), attrs)).toThrow(
          /g.*\[3,2\].*\[2,3\]/,
        );
        expect(() => adamUpdate(tf.zeros([2], 'int32'), tf.zeros([2]), tf.zeros([2]), tf.zeros([2]), attrs)).toThrow(
          /w.*float32/,
        );
      });
    });
  });
}
