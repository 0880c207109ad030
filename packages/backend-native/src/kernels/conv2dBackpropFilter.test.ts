import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

type Shape4 = [number, number, number, number];
type Case = [string, Shape4, Shape4, number | [number, number], 'same' | 'valid' | number];

// Filter gradients of tf.conv2d: tfjs computes dw with the Conv2DBackpropFilter kernel.
const gradCases: Case[] = [
  ['2x7x9x3 → 5, 3x3 stride 1 same', [2, 7, 9, 3], [3, 3, 3, 5], 1, 'same'],
  ['2x7x9x3 → 5, 3x3 stride 1 valid', [2, 7, 9, 3], [3, 3, 3, 5], 1, 'valid'],
  ['3x11x13x4 → 6, 3x3 stride 2 same', [3, 11, 13, 4], [3, 3, 4, 6], 2, 'same'],
  ['3x11x13x4 → 6, 3x3 stride 2 valid', [3, 11, 13, 4], [3, 3, 4, 6], 2, 'valid'],
  ['2x10x8x4 → 6, 3x3 stride 2 same (even size)', [2, 10, 8, 4], [3, 3, 4, 6], 2, 'same'],
  ['2x9x7x5 → 7, 1x1 stride 1', [2, 9, 7, 5], [1, 1, 5, 7], 1, 'valid'],
  ['2x9x7x5 → 7, 1x1 stride 2', [2, 9, 7, 5], [1, 1, 5, 7], 2, 'same'],
  ['2x9x9x3 → 4, 5x3 stride 2 numeric pad 1', [2, 9, 9, 3], [5, 3, 3, 4], 2, 1],
  ['4x32x32x3 → 8, 3x3 stride 1 same (first layer)', [4, 32, 32, 3], [3, 3, 3, 8], 1, 'same'],
];

describe(`Conv2DBackpropFilter on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)('conv2d dw 1x3x3x1 1x1 kernel, dy ones: the sum of the input', async () => {
    const [dw] = await onBackend('qfcn-native', () => {
      const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
      return tf.grad((w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, 1, 'valid'))(
        tf.ones([1, 1, 1, 1]) as tf.Tensor4D,
        tf.ones([1, 3, 3, 1]) as tf.Tensor4D,
      );
    });
    expect(Array.from(dw!)).toEqual([45]);
  });

  for (const [name, xShape, wShape, strides, pad] of gradCases) {
    it.skipIf(!nativeBuilt)(`conv2d dw ${name}`, async () => {
      const before = countOf('Conv2DBackpropFilter').native;
      await expectParity(() => {
        const x = tf.tensor4d(randomValues(xShape, 8), xShape),
          w = tf.tensor4d(randomValues(wShape, 9), wShape);
        const y = tf.conv2d(x, w, strides, pad);
        const dy = tf.tensor(randomValues(y.shape, 10), y.shape);
        return tf.grad((ww: tf.Tensor) => tf.conv2d(x, ww as tf.Tensor4D, strides, pad))(w, dy as tf.Tensor4D);
      });
      expect(countOf('Conv2DBackpropFilter').native).toBe(before + 1);
    });
  }

  it.skipIf(!nativeBuilt)('conv2dTranspose dw 2x8x8x6 → 2x16x16x5, 4x4 stride 2 same', async () => {
    const before = countOf('Conv2DBackpropFilter').native;
    await expectParity(() => {
      const x = tf.tensor4d(randomValues([2, 8, 8, 6], 11), [2, 8, 8, 6]);
      const dy = tf.tensor4d(randomValues([2, 16, 16, 5], 12), [2, 16, 16, 5]);
      return tf.grad((w: tf.Tensor) => tf.conv2dTranspose(x, w as tf.Tensor4D, [2, 16, 16, 5], 2, 'same'))(
        tf.tensor4d(randomValues([4, 4, 5, 6], 13), [4, 4, 5, 6]),
        dy,
      );
    });
    expect(countOf('Conv2DBackpropFilter').native).toBe(before + 1);
  });
});
