import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBackend, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];
type Case = [
  string,
  [number, number, number, number],
  [number, number, number, number],
  number | [number, number],
  Pad,
  number | [number, number],
];

const cases: Case[] = [
  ['2x7x9x3 → 5, 3x3 stride 1 same', [2, 7, 9, 3], [3, 3, 3, 5], 1, 'same', 1],
  ['2x7x9x3 → 5, 3x3 stride 1 valid', [2, 7, 9, 3], [3, 3, 3, 5], 1, 'valid', 1],
  ['3x11x13x4 → 6, 3x3 stride 2 same', [3, 11, 13, 4], [3, 3, 4, 6], 2, 'same', 1],
  ['3x11x13x4 → 6, 3x3 stride 2 valid', [3, 11, 13, 4], [3, 3, 4, 6], 2, 'valid', 1],
  ['2x10x8x4 → 6, 3x3 stride 2 same (even size)', [2, 10, 8, 4], [3, 3, 4, 6], 2, 'same', 1],
  ['2x9x7x5 → 7, 1x1 stride 1', [2, 9, 7, 5], [1, 1, 5, 7], 1, 'valid', 1],
  ['2x9x7x5 → 7, 1x1 stride 2', [2, 9, 7, 5], [1, 1, 5, 7], 2, 'same', 1],
  ['1x12x11x3 → 4, 3x3 dilation 2 same', [1, 12, 11, 3], [3, 3, 3, 4], 1, 'same', 2],
  ['1x12x11x3 → 4, 3x3 dilation [2,3] valid', [1, 12, 11, 3], [3, 3, 3, 4], 1, 'valid', [2, 3]],
  ['2x9x9x3 → 4, 5x3 stride 2 numeric pad 1', [2, 9, 9, 3], [5, 3, 3, 4], 2, 1, 1],
  [
    '2x8x9x3 → 4, 3x3 stride [2,1] explicit pad [[1,2],[0,1]]',
    [2, 8, 9, 3],
    [3, 3, 3, 4],
    [2, 1],
    [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
    1,
  ],
];

describe(`Conv2D on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)('conv2d 1x3x3x1 ones 3x3 same: textbook sums', async () => {
    const [y] = await onBackend('qfcn-native', () =>
      tf.conv2d(
        tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]),
        tf.ones([3, 3, 1, 1]) as tf.Tensor4D,
        1,
        'same',
      ),
    );
    // Each output is the sum of its 3x3 neighbourhood: centre 1+…+9 = 45, corner 1+2+4+5 = 12.
    expect(Array.from(y!)).toEqual([12, 21, 16, 27, 45, 33, 24, 39, 28]);
  });

  for (const [name, xShape, wShape, strides, pad, dilations] of cases) {
    it.skipIf(!nativeBuilt)(`conv2d ${name}`, async () => {
      const before = countOf('Conv2D').native;
      await expectParity(() =>
        tf.conv2d(
          tf.tensor4d(randomValues(xShape, 1), xShape),
          tf.tensor4d(randomValues(wShape, 2), wShape),
          strides,
          pad,
          'NHWC',
          dilations,
        ),
      );
      expect(countOf('Conv2D').native).toBe(before + 1);
    });
  }

  it.skipIf(!nativeBuilt)(
    'conv2d 2x9x9x3 → 4, stride [2,1] numeric pad 1: tfjs sizes width by the row stride, oneDNN refuses, cpu kernel runs',
    async () => {
      const before = countOf('Conv2D').fallback;
      await expectParity(() =>
        tf.conv2d(
          tf.tensor4d(randomValues([2, 9, 9, 3], 1), [2, 9, 9, 3]),
          tf.tensor4d(randomValues([5, 3, 3, 4], 2), [5, 3, 3, 4]),
          [2, 1],
          1,
        ),
      );
      expect(countOf('Conv2D').fallback).toBe(before + 1);
    },
  );

  it.skipIf(!nativeBuilt)('conv2d int32 input falls back to the cpu kernel', async () => {
    await tf.setBackend('qfcn-native');
    const before = countOf('Conv2D');
    const y = tf.tidy(() => {
      const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1], 'int32'),
        filter = tf.tensor4d([1, 1, 1, 1], [2, 2, 1, 1], 'int32');
      return tf
        .engine()
        .runKernel(
          'Conv2D',
          { x, filter },
          { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 },
        ) as tf.Tensor;
    });
    expect(Array.from(y.dataSync())).toEqual([10]);
    y.dispose();
    expect(countOf('Conv2D').fallback).toBe(before.fallback + 1);
    expect(nativeBackend().kernelStats().Conv2D?.lastFallbackReason).toMatch(/not float32/);
  });
});
