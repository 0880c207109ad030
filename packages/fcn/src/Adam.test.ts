import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './Adam';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Adam', () => {
  it('one step on w=1, g=2, lr=0.1: w = 1 - 0.1·√0.001/0.1 · 0.2/(√0.004 + 1e-8) ≈ 0.9', () => {
    const w = tf.variable(tf.scalar(1));
    const adam = new Adam([w], { learningRate: 0.1 });
    adam.apply([tf.scalar(2)]);
    const lrT = (0.1 * Math.sqrt(1 - 0.999)) / (1 - 0.9);
    const expected = 1 - (lrT * 0.2) / (Math.sqrt(0.004) + 1e-8);
    expect(w.dataSync()[0]).toBeCloseTo(expected, 6);
    expect(w.dataSync()[0]).toBeCloseTo(0.9, 6);
    adam.dispose();
    w.dispose();
  });

  it('matches tf.train.adam (same ε) over 20 steps on a 2x3 quadratic', () => {
    const target = tf.tensor2d([
      [1, -2, 3],
      [0.5, 0, -1],
    ]);
    const a = tf.variable(tf.zeros([2, 3]));
    const b = tf.variable(tf.zeros([2, 3]));
    const ours = new Adam([a], { learningRate: 0.05, epsilon: 1e-7 });
    const theirs = tf.train.adam(0.05, 0.9, 0.999, 1e-7);
    for (let i = 0; i < 20; i++) {
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(a, target))) as tf.Scalar, [a]);
      ours.apply([grads[a.name]!]);
      tf.dispose(grads);
      theirs.minimize(() => tf.sum(tf.square(tf.sub(b, target))) as tf.Scalar, false, [b]);
    }
    const x = a.dataSync();
    const y = b.dataSync();
    // tfjs keeps β^t as float32 running products: agreement to ~1e-5, not bit-exact
    for (let i = 0; i < 6; i++) expect(x[i]).toBeCloseTo(y[i]!, 4);
    ours.dispose();
    theirs.dispose();
  });

  it('getState/setState resume bit-identically; no tensors leak per step', async () => {
    const run = (w: tf.Variable, adam: Adam, steps: number) => {
      for (let i = 0; i < steps; i++) {
        const g = tf.tidy(() => tf.sin(tf.mul(w, 3)));
        adam.apply([g]);
        g.dispose();
      }
    };
    const w1 = tf.variable(tf.tensor1d([0.3, -0.7, 1.1]));
    const beforeAdam = tf.memory().numTensors;
    const a1 = new Adam([w1], { learningRate: 0.01 });
    run(w1, a1, 3);
    const before = tf.memory().numTensors;
    run(w1, a1, 5);
    expect(tf.memory().numTensors).toBe(before);
    const w2 = tf.tidy(() => tf.variable(tf.tensor1d([0.3, -0.7, 1.1])));
    const a2 = new Adam([w2], { learningRate: 0.01 });
    run(w2, a2, 3);
    const state = await a2.getState();
    const w3 = tf.tidy(() => tf.variable(w2.clone()));
    const a3 = new Adam([w3], { learningRate: 0.01 });
    a3.setState(state);
    run(w3, a3, 5);
    expect(Array.from(w3.dataSync())).toEqual(Array.from(w1.dataSync()));
    expect(tf.memory().numTensors).toBeGreaterThan(beforeAdam);
    a1.dispose();
    a2.dispose();
    a3.dispose();
    w2.dispose();
    w3.dispose();
    expect(tf.memory().numTensors).toBe(beforeAdam); // dispose() releases both moments
  });
});
