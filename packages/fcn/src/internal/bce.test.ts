import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bce } from './bce';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('bce', () => {
  it('logits 0 everywhere: ln 2 per pixel; labels [1,0,0,0] with positive weight 3 → (3 + 3)·ln2 / 4', () => {
    const y = tf.tensor1d([1, 0, 0, 0]);
    const z = tf.zeros([4]);
    expect(bce(y, z).dataSync()[0]).toBeCloseTo(Math.LN2, 6);
    expect(bce(y, z, 3).dataSync()[0]).toBeCloseTo((3 * Math.LN2 + 3 * Math.LN2) / 4, 6);
  });

  it('logits [2, -1], labels [1, 0]: mean of log(1+e^-2) and log(1+e^-1); weight 2 doubles the first', () => {
    const y = tf.tensor1d([1, 0]);
    const z = tf.tensor1d([2, -1]);
    const a = Math.log(1 + Math.exp(-2));
    const b = Math.log(1 + Math.exp(-1));
    expect(bce(y, z).dataSync()[0]).toBeCloseTo((a + b) / 2, 6);
    expect(bce(y, z, 2).dataSync()[0]).toBeCloseTo((2 * a + b) / 2, 6);
  });

  it('logits [2, -1, 0], labels [1, 0, 1], per-pixel weights [10, 1, 3]: (10a + b + 3·ln2) / 3, the count not the weight sum', () => {
    const y = tf.tensor1d([1, 0, 1]);
    const z = tf.tensor1d([2, -1, 0]);
    const a = Math.log(1 + Math.exp(-2));
    const b = Math.log(1 + Math.exp(-1));
    expect(bce(y, z, tf.tensor1d([10, 1, 3])).dataSync()[0]).toBeCloseTo((10 * a + b + 3 * Math.LN2) / 3, 6);
  });
});
