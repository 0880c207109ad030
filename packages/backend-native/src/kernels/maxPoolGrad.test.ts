import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

type Case = [
  string,
  [number, number, number, number],
  number | [number, number],
  number | [number, number],
  'same' | 'valid',
];

const cases: Case[] = [
  ['2x8x8x3, 2x2 stride 2 valid (FCN)', [2, 8, 8, 3], 2, 2, 'valid'],
  ['2x9x7x3, 2x2 stride 2 same (odd sizes)', [2, 9, 7, 3], 2, 2, 'same'],
  ['2x9x7x3, 2x2 stride 2 valid (odd sizes)', [2, 9, 7, 3], 2, 2, 'valid'],
  ['3x10x11x5, 3x3 stride 2 same (overlapping)', [3, 10, 11, 5], 3, 2, 'same'],
  ['1x7x7x4, 3x3 stride 1 same (overlapping)', [1, 7, 7, 4], 3, 1, 'same'],
  ['2x6x9x2, 3x2 stride [1,2] valid', [2, 6, 9, 2], [3, 2], [1, 2], 'valid'],
];

const gradOf = (
  x: tf.Tensor4D,
  size: number | [number, number],
  strides: number | [number, number],
  pad: 'same' | 'valid',
  dy: tf.Tensor4D,
) => tf.grad((xx: tf.Tensor) => tf.maxPool(xx as tf.Tensor4D, size, strides, pad))(x, dy);

describe(`MaxPoolGrad on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)(
    'maxPool grad 1x2x4x1 2x2 stride 2 with ties: each gradient goes to the first maximum',
    async () => {
      // Left window all 1 (tie → top-left), right window [0, 3; 3, 2] (tie → top-right 3).
      const [dx] = await onBackend('qfcn-native', () =>
        gradOf(tf.tensor4d([1, 1, 0, 3, 1, 1, 3, 2], [1, 2, 4, 1]), 2, 2, 'valid', tf.tensor4d([10, 20], [1, 1, 2, 1])),
      );
      expect(Array.from(dx!)).toEqual([10, 0, 0, 20, 0, 0, 0, 0]);
    },
  );

  it.skipIf(!nativeBuilt)(
    'maxPool grad 1x1x3x1 window 2 stride 1 (overlap): the shared maximum collects both gradients',
    async () => {
      const [dx] = await onBackend('qfcn-native', () =>
        gradOf(tf.tensor4d([1, 5, 2], [1, 1, 3, 1]), [1, 2], 1, 'valid', tf.tensor4d([3, 4], [1, 1, 2, 1])),
      );
      expect(Array.from(dx!)).toEqual([0, 7, 0]);
    },
  );

  for (const [name, shape, size, strides, pad] of cases) {
    it.skipIf(!nativeBuilt)(`maxPool grad ${name}`, async () => {
      const before = countOf('MaxPoolGrad').native;
      await expectParity(
        () => {
          const x = tf.tensor4d(randomValues(shape, 52), shape);
          const y = tf.maxPool(x, size, strides, pad);
          return gradOf(x, size, strides, pad, tf.tensor4d(randomValues(y.shape, 53), y.shape));
        },
        { rtol: 1e-6, atol: 1e-6 },
      );
      expect(countOf('MaxPoolGrad').native).toBe(before + 1);
    });
  }
});
