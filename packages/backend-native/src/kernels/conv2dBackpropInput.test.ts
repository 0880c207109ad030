import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

type Shape4 = [number, number, number, number];
type Case = [string, Shape4, Shape4, number | [number, number], 'same' | 'valid' | number];

// Input gradients of tf.conv2d: tfjs computes dx with the Conv2DBackpropInput kernel.
const gradCases: Case[] = [
  ['2x7x9x3 → 5, 3x3 stride 1 same', [2, 7, 9, 3], [3, 3, 3, 5], 1, 'same'],
  ['2x7x9x3 → 5, 3x3 stride 1 valid', [2, 7, 9, 3], [3, 3, 3, 5], 1, 'valid'],
  ['3x11x13x4 → 6, 3x3 stride 2 same', [3, 11, 13, 4], [3, 3, 4, 6], 2, 'same'],
  ['3x11x13x4 → 6, 3x3 stride 2 valid', [3, 11, 13, 4], [3, 3, 4, 6], 2, 'valid'],
  ['2x10x8x4 → 6, 3x3 stride 2 same (even size)', [2, 10, 8, 4], [3, 3, 4, 6], 2, 'same'],
  ['2x9x7x5 → 7, 1x1 stride 1', [2, 9, 7, 5], [1, 1, 5, 7], 1, 'valid'],
  ['2x9x7x5 → 7, 1x1 stride 2', [2, 9, 7, 5], [1, 1, 5, 7], 2, 'same'],
  ['2x9x9x3 → 4, 5x3 stride 2 numeric pad 1', [2, 9, 9, 3], [5, 3, 3, 4], 2, 1],
];

describe(`Conv2DBackpropInput on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)(
    'conv2dTranspose 1x2x2x1 ones 2x2 stride 2: each input spreads over its 2x2 block',
    async () => {
      const [y] = await onBackend('qfcn-native', () =>
        tf.conv2dTranspose(
          tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]),
          tf.ones([2, 2, 1, 1]) as tf.Tensor4D,
          [1, 4, 4, 1],
          2,
          'valid',
        ),
      );
      expect(Array.from(y!)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    },
  );

  for (const [name, xShape, wShape, strides, pad] of gradCases) {
    it.skipIf(!nativeBuilt)(`conv2d dx ${name}`, async () => {
      const before = countOf('Conv2DBackpropInput').native;
      await expectParity(() => {
        const x = tf.tensor4d(randomValues(xShape, 3), xShape),
          w = tf.tensor4d(randomValues(wShape, 4), wShape);
        const y = tf.conv2d(x, w, strides, pad);
        const dy = tf.tensor(randomValues(y.shape, 5), y.shape);
        return tf.grad((xx: tf.Tensor) => tf.conv2d(xx as tf.Tensor4D, w, strides, pad))(x, dy as tf.Tensor4D);
      });
      expect(countOf('Conv2DBackpropInput').native).toBe(before + 1);
    });
  }

  it.skipIf(!nativeBuilt)('conv2dTranspose 2x8x8x6 → 2x16x16x5, 4x4 stride 2 same (FCN upsampling)', async () => {
    const before = countOf('Conv2DBackpropInput').native;
    await expectParity(() =>
      tf.conv2dTranspose(
        tf.tensor4d(randomValues([2, 8, 8, 6], 6), [2, 8, 8, 6]),
        tf.tensor4d(randomValues([4, 4, 5, 6], 7), [4, 4, 5, 6]),
        [2, 16, 16, 5],
        2,
        'same',
      ),
    );
    expect(countOf('Conv2DBackpropInput').native).toBe(before + 1);
  });
});
