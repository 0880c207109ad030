import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

const ops: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
  ['Add', tf.add],
  ['Sub', tf.sub],
  ['Multiply', tf.mul],
  ['RealDiv', tf.div],
  ['Maximum', tf.maximum],
  ['Minimum', tf.minimum],
  ['SquaredDifference', tf.squaredDifference],
];
const shapes: [string, number[], number[]][] = [
  ['same shape 3x5x7', [3, 5, 7], [3, 5, 7]],
  ['NHWC 2x5x7x6 ⊙ [6]', [2, 5, 7, 6], [6]],
  ['NHWC 2x5x7x6 ⊙ [1,1,1,6]', [2, 5, 7, 6], [1, 1, 1, 6]],
  ['[6] ⊙ NHWC 2x5x7x6', [6], [2, 5, 7, 6]],
  ['scalar ⊙ 4x9', [], [4, 9]],
  ['2x1x3 ⊙ 1x4x1 (both broadcast)', [2, 1, 3], [1, 4, 1]],
  ['2x5x1x3 ⊙ 5x7x1 (middle broadcast)', [2, 5, 1, 3], [5, 7, 1]],
  ['4x300x300 ⊙ 300 (parallel size)', [4, 300, 300], [300]],
];

describe(`broadcasting binary kernels on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)('add [[1,2],[3,4]] + [10,20] = [[11,22],[13,24]]; sub, mul, div by hand', async () => {
    const [s, d, m, q] = await onBackend('qfcn-native', () => {
      const a = tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        b = tf.tensor1d([10, 20]);
      return [tf.add(a, b), tf.sub(a, b), tf.mul(a, b), tf.div(a, b)];
    });
    expect(Array.from(s!)).toEqual([11, 22, 13, 24]);
    expect(Array.from(d!)).toEqual([-9, -18, -7, -16]);
    expect(Array.from(m!)).toEqual([10, 40, 30, 80]);
    expect(Array.from(q!)).toEqual([Math.fround(0.1), Math.fround(0.1), Math.fround(0.3), Math.fround(0.2)]);
  });

  it.skipIf(!nativeBuilt)('maximum/minimum propagate NaN like Math.max/min; squaredDifference (1−4)² = 9', async () => {
    const [mx, mn, sd] = await onBackend('qfcn-native', () => {
      const a = tf.tensor1d([NaN, 1, -2, 1]),
        b = tf.tensor1d([0, NaN, 3, 4]);
      return [tf.maximum(a, b), tf.minimum(a, b), tf.squaredDifference(a, b)];
    });
    expect(Array.from(mx!)).toEqual([NaN, NaN, 3, 4]);
    expect(Array.from(mn!)).toEqual([NaN, NaN, -2, 1]);
    expect(Array.from(sd!)).toEqual([NaN, NaN, 25, 9]);
  });

  for (const [kernel, op] of ops) {
    for (const [name, aShape, bShape] of shapes) {
      it.skipIf(!nativeBuilt)(`${kernel} ${name}`, async () => {
        const before = countOf(kernel).native;
        // Denominators kept away from 0 for RealDiv.
        await expectParity(
          () => op(tf.tensor(randomValues(aShape, 71), aShape), tf.add(tf.tensor(randomValues(bShape, 72), bShape), 2)),
          { rtol: 0, atol: 0 },
        );
        expect(countOf(kernel).native).toBeGreaterThanOrEqual(before + 1);
      });
    }
  }

  it.skipIf(!nativeBuilt)('int32 add runs on the cpu kernel: [1,2] + [3,4] = [4,6]', async () => {
    const before = countOf('Add').fallback;
    const [y] = await onBackend('qfcn-native', () =>
      tf.cast(tf.add(tf.tensor1d([1, 2], 'int32'), tf.tensor1d([3, 4], 'int32')), 'float32'),
    );
    expect(Array.from(y!)).toEqual([4, 6]);
    expect(countOf('Add').fallback).toBe(before + 1);
  });
});
