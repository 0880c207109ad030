import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

describe(`FusedBatchNorm and QfcnBatchNormGradStats on qfcn-native${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)(
    'batchNorm [1,3] with mean 1, variance 4−ε, offset 10, scale 2: 10 + (x−1)·2/2 = [10, 11, 12]',
    async () => {
      const eps = 0.001;
      const [y] = await onBackend('qfcn-native', () =>
        tf.batchNorm(
          tf.tensor1d([1, 2, 3]),
          tf.tensor1d([1]),
          tf.tensor1d([4 - eps]),
          tf.tensor1d([10]),
          tf.tensor1d([2]),
          eps,
        ),
      );
      expect(Array.from(y!).map((v) => Math.round(v * 1e5) / 1e5)).toEqual([10, 11, 12]);
    },
  );

  const cases: [string, number[], number[] | null][] = [
    ['2x5x7x6 per channel with scale and offset', [2, 5, 7, 6], [6]],
    ['2x5x7x6 without scale/offset', [2, 5, 7, 6], null],
    ['3x4 with scalar-shaped [1] parameters', [3, 4], [1]],
    ['3x4x5 with [4x5] parameters (cycling)', [3, 4, 5], [4, 5]],
  ];
  for (const [name, shape, pShape] of cases) {
    it.skipIf(!nativeBuilt)(`batchNorm ${name}`, async () => {
      const before = countOf('FusedBatchNorm').native;
      await expectParity(
        () => {
          const x = tf.tensor(randomValues(shape, 111), shape);
          const ps = pShape ?? [shape[shape.length - 1]!];
          const mean = tf.tensor(randomValues(ps, 112), ps),
            variance = tf.add(tf.tensor(randomValues(ps, 113), ps), 1.5);
          const offset = pShape ? tf.tensor(randomValues(ps, 114), ps) : undefined;
          const scale = pShape ? tf.tensor(randomValues(ps, 115), ps) : undefined;
          return tf.batchNorm(x, mean, variance, offset, scale, 1e-3);
        },
        { rtol: 0, atol: 0 },
      );
      expect(countOf('FusedBatchNorm').native).toBe(before + 1);
    });
  }

  it.skipIf(!nativeBuilt)(
    'grad stats of x=[[1,2],[3,4]], dy=[[1,1],[2,0]], mean=[2,3]: Σdy=[3,1], Σdy(x−mean)=[1,−1]',
    async () => {
      const [s1, s2] = await onBackend(
        'qfcn-native',
        () =>
          tf.engine().runKernel(
            'QfcnBatchNormGradStats',
            {
              x: tf.tensor2d([
                [1, 2],
                [3, 4],
              ]),
              dy: tf.tensor2d([
                [1, 1],
                [2, 0],
              ]),
              mean: tf.tensor1d([2, 3]),
            },
            {},
          ) as tf.Tensor[],
      );
      // channel 0: 1·(1−2) + 2·(3−2) = 1; channel 1: 1·(2−3) + 0·(4−3) = −1.
      expect([Array.from(s1!), Array.from(s2!)]).toEqual([
        [3, 1],
        [1, -1],
      ]);
    },
  );
});
