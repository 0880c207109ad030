import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

// [kernel, op, input offset] — offsets keep sqrt/rsqrt/log inputs positive.
const ops: [string, (x: tf.Tensor) => tf.Tensor, number][] = [
  ['Relu', tf.relu, 0],
  ['Step', (x) => tf.step(x, 0.25), 0],
  ['Square', tf.square, 0],
  ['Sqrt', tf.sqrt, 3.5],
  ['Rsqrt', tf.rsqrt, 3.5],
  ['Neg', tf.neg, 0],
  ['Sigmoid', tf.sigmoid, 0],
  ['Exp', tf.exp, 0],
  ['Log', tf.log, 3.5],
  ['Abs', tf.abs, 0],
];

describe(`unary kernels on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)('relu [-1, 0, 2, NaN] = [0, 0, 2, NaN]; step(α=0.5) = [0.5, 0.5, 1, NaN]', async () => {
    const [r, s] = await onBackend('qfcn-native', () => {
      const x = tf.tensor1d([-1, 0, 2, NaN]);
      return [tf.relu(x), tf.step(x, 0.5)];
    });
    expect(Array.from(r!)).toEqual([0, 0, 2, NaN]);
    expect(Array.from(s!)).toEqual([0.5, 0.5, 1, NaN]);
  });

  it.skipIf(!nativeBuilt)('sqrt [4, 9] = [2, 3], rsqrt [4] = 0.5, abs [-3] = 3, square [-3] = 9', async () => {
    const [a, b, c, d] = await onBackend('qfcn-native', () => [
      tf.sqrt(tf.tensor1d([4, 9])),
      tf.rsqrt(tf.tensor1d([4])),
      tf.abs(tf.tensor1d([-3])),
      tf.square(tf.tensor1d([-3])),
    ]);
    expect([...a!, ...b!, ...c!, ...d!]).toEqual([2, 3, 0.5, 3, 9]);
  });

  for (const [kernel, op, offset] of ops) {
    for (const shape of [
      [3, 7, 5],
      [2, 200, 400],
    ]) {
      it.skipIf(!nativeBuilt)(`${kernel} [${shape}]`, async () => {
        const before = countOf(kernel).native;
        await expectParity(() => op(tf.add(tf.mul(tf.tensor(randomValues(shape, 81), shape), 3), offset)), {
          rtol: 0,
          atol: 0,
        });
        expect(countOf(kernel).native).toBeGreaterThanOrEqual(before + 1);
      });
    }
  }
});
