import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

type Activation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid' | 'leakyrelu' | 'prelu';

describe(`_FusedMatMul on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)(
    'fused.matMul 1x2 @ 2x2 + bias [-20, 0], relu: [[1,2]]·[[5,6],[7,8]] = [19,22] → [0,22]',
    async () => {
      const [c] = await onBackend('qfcn-native', () =>
        tf.fused.matMul({
          a: tf.tensor2d([[1, 2]]),
          b: tf.tensor2d([
            [5, 6],
            [7, 8],
          ]),
          bias: tf.tensor1d([-20, 0]),
          activation: 'relu',
        }),
      );
      expect(Array.from(c!)).toEqual([0, 22]);
    },
  );

  const activations: Activation[] = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'];
  for (const activation of activations) {
    it.skipIf(!nativeBuilt)(
      `fused.matMul 3x9x13 @ 3x13x7 + bias[7], ${activation}, forward and gradients`,
      async () => {
        const before = countOf('_FusedMatMul').native;
        await expectParity(() => {
          // Scale 4 so relu6 clips and elu/sigmoid see their non-linear range.
          const a = tf.mul(tf.tensor(randomValues([3, 9, 13], 31), [3, 9, 13]), 4) as tf.Tensor3D;
          // Equal batches: tfjs's own _FusedMatMul gradient cannot un-broadcast a shared b.
          const b = tf.tensor(randomValues([3, 13, 7], 32), [3, 13, 7]) as tf.Tensor3D;
          const bias = tf.tensor1d(randomValues([7], 33));
          const f = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) =>
            tf.fused.matMul({ a: x as tf.Tensor3D, b: y as tf.Tensor3D, bias: z, activation, leakyreluAlpha: 0.3 });
          const c = f(a, b, bias);
          const dc = tf.tensor(randomValues(c.shape, 34), c.shape);
          return [c, ...tf.grads(f)([a, b, bias], dc)];
        });
        // The forward runs natively; under tf.grads tfjs fuses only 'linear' (else it runs unfused ops).
        expect(countOf('_FusedMatMul').native).toBeGreaterThanOrEqual(before + 1);
      },
    );
  }

  it.skipIf(!nativeBuilt)('fused.matMul 5x6ᵀ @ 4x5ᵀ + scalar bias, relu', async () => {
    const before = countOf('_FusedMatMul').native;
    await expectParity(() =>
      tf.fused.matMul({
        a: tf.tensor2d(randomValues([5, 6], 35), [5, 6]),
        b: tf.tensor2d(randomValues([4, 5], 36), [4, 5]),
        transposeA: true,
        transposeB: true,
        bias: tf.scalar(0.25),
        activation: 'relu',
      }),
    );
    expect(countOf('_FusedMatMul').native).toBe(before + 1);
  });

  it.skipIf(!nativeBuilt)('fused.matMul prelu and a [M, N] bias run on the cpu kernel', async () => {
    const before = countOf('_FusedMatMul').fallback;
    await expectParity(() => [
      tf.fused.matMul({
        a: tf.tensor2d(randomValues([4, 3], 37), [4, 3]),
        b: tf.tensor2d(randomValues([3, 2], 38), [3, 2]),
        activation: 'prelu',
        preluActivationWeights: tf.tensor1d([0.1, 0.2]),
      }),
      tf.fused.matMul({
        a: tf.tensor2d(randomValues([4, 3], 39), [4, 3]),
        b: tf.tensor2d(randomValues([3, 2], 40), [3, 2]),
        bias: tf.tensor2d(randomValues([4, 2], 41), [4, 2]),
      }),
    ]);
    expect(countOf('_FusedMatMul').fallback).toBe(before + 2);
  });
});
