import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

type Case = [string, number[], number[], boolean, boolean];

const cases: Case[] = [
  ['5x7 @ 7x3', [5, 7], [7, 3], false, false],
  ['7x5ᵀ @ 7x3', [7, 5], [7, 3], true, false],
  ['5x7 @ 3x7ᵀ', [5, 7], [3, 7], false, true],
  ['7x5ᵀ @ 3x7ᵀ', [7, 5], [3, 7], true, true],
  ['batch 3: 3x5x7 @ 3x7x4', [3, 5, 7], [3, 7, 4], false, false],
  ['batch 2x3: 2x3x5x7 @ 2x3x4x7ᵀ', [2, 3, 5, 7], [2, 3, 4, 7], false, true],
  ['1x1 @ 1x1', [1, 1], [1, 1], false, false],
  ['65x130 @ 130x33 (blocked sizes)', [65, 130], [130, 33], false, false],
];

describe(`BatchMatMul on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)('matMul 2x2 @ 2x2: [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]', async () => {
    const [c] = await onBackend('qfcn-native', () =>
      tf.matMul(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        tf.tensor2d([
          [5, 6],
          [7, 8],
        ]),
      ),
    );
    expect(Array.from(c!)).toEqual([19, 22, 43, 50]);
  });

  for (const [name, aShape, bShape, tA, tB] of cases) {
    it.skipIf(!nativeBuilt)(`matMul ${name}, forward and both gradients`, async () => {
      const before = countOf('BatchMatMul').native;
      await expectParity(() => {
        const a = tf.tensor(randomValues(aShape, 21), aShape),
          b = tf.tensor(randomValues(bShape, 22), bShape);
        const f = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, tA, tB);
        const c = f(a, b);
        const dc = tf.tensor(randomValues(c.shape, 23), c.shape);
        return [c, ...tf.grads(f)([a, b], dc)];
      });
      // Forward and the two gradient products all run natively.
      expect(countOf('BatchMatMul').native).toBeGreaterThanOrEqual(before + 3);
    });
  }

  // tfjs's own BatchMatMul gradient does not un-broadcast (on any backend): forward only here.
  const broadcastCases: [string, number[], number[]][] = [
    ['broadcast b: 3x5x7 @ 7x4', [3, 5, 7], [7, 4]],
    ['broadcast a: 1x5x7 @ 3x7x4', [1, 5, 7], [3, 7, 4]],
  ];
  for (const [name, aShape, bShape] of broadcastCases) {
    it.skipIf(!nativeBuilt)(`matMul ${name}, forward`, async () => {
      const before = countOf('BatchMatMul').native;
      await expectParity(() =>
        tf.matMul(tf.tensor(randomValues(aShape, 26), aShape), tf.tensor(randomValues(bShape, 27), bShape)),
      );
      expect(countOf('BatchMatMul').native).toBe(before + 1);
    });
  }

  it.skipIf(!nativeBuilt)('matMul batch [2,3] @ [1,3] (partial broadcast) runs on the cpu kernel', async () => {
    const before = countOf('BatchMatMul').fallback;
    await expectParity(() =>
      tf.matMul(
        tf.tensor(randomValues([2, 3, 4, 5], 24), [2, 3, 4, 5]),
        tf.tensor(randomValues([1, 3, 5, 2], 25), [1, 3, 5, 2]),
      ),
    );
    expect(countOf('BatchMatMul').fallback).toBe(before + 1);
  });
});
