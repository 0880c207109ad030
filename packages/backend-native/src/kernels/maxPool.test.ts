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

describe(`MaxPool on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)('maxPool 1x4x4x1 2x2 stride 2: the largest of each quadrant', async () => {
    const [y] = await onBackend('qfcn-native', () =>
      tf.maxPool(tf.tensor4d([1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16], [1, 4, 4, 1]), 2, 2, 'valid'),
    );
    expect(Array.from(y!)).toEqual([4, 8, 12, 16]);
  });

  it.skipIf(!nativeBuilt)(
    'maxPool 1x2x2x1 [NaN, -Inf, NaN, 2] and all-NaN window: NaN never wins, empty of numbers → -Infinity',
    async () => {
      const [y] = await onBackend('qfcn-native', () =>
        tf.maxPool(tf.tensor4d([NaN, -Infinity, NaN, 2, NaN, NaN, NaN, NaN], [2, 2, 2, 1]), 2, 2, 'valid'),
      );
      expect(Array.from(y!)).toEqual([2, -Infinity]);
    },
  );

  for (const [name, shape, size, strides, pad] of cases) {
    it.skipIf(!nativeBuilt)(`maxPool ${name}`, async () => {
      const before = countOf('MaxPool').native;
      await expectParity(() => tf.maxPool(tf.tensor4d(randomValues(shape, 51), shape), size, strides, pad), {
        rtol: 0,
        atol: 0,
      });
      expect(countOf('MaxPool').native).toBe(before + 1);
    });
  }
});
