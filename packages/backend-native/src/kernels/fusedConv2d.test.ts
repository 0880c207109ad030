import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

type Activation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid' | 'leakyrelu';

describe(`FusedConv2D on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)(
    'fused.conv2d 1x3x3x1 ones 3x3 same + bias -30, relu: textbook sums minus 30, clipped',
    async () => {
      const [y] = await onBackend('qfcn-native', () =>
        tf.fused.conv2d({
          x: tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]),
          filter: tf.ones([3, 3, 1, 1]) as tf.Tensor4D,
          strides: 1,
          pad: 'same',
          bias: tf.tensor1d([-30]),
          activation: 'relu',
        }),
      );
      expect(Array.from(y!)).toEqual([0, 0, 0, 0, 15, 3, 0, 9, 0]);
    },
  );

  const activations: Activation[] = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'];
  for (const activation of activations) {
    it.skipIf(!nativeBuilt)(
      `fused.conv2d 2x9x7x3 → 5, 3x3 stride 2 same + bias[5], ${activation}, forward and gradients`,
      async () => {
        const before = countOf('FusedConv2D').native;
        await expectParity(() => {
          const x = tf.mul(tf.tensor4d(randomValues([2, 9, 7, 3], 41), [2, 9, 7, 3]), 3) as tf.Tensor4D;
          const w = tf.tensor4d(randomValues([3, 3, 3, 5], 42), [3, 3, 3, 5]);
          const bias = tf.tensor1d(randomValues([5], 43));
          const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
            tf.fused.conv2d({
              x: a as tf.Tensor4D,
              filter: b as tf.Tensor4D,
              strides: 2,
              pad: 'same',
              bias: c,
              activation,
              leakyreluAlpha: 0.3,
            });
          const y = f(x, w, bias);
          const dy = tf.tensor(randomValues(y.shape, 44), y.shape);
          return [y, ...tf.grads(f)([x, w, bias], dy)];
        });
        // The forward runs natively; under tf.grads tfjs fuses only 'linear' (else it runs Conv2D + ops).
        expect(countOf('FusedConv2D').native).toBeGreaterThanOrEqual(before + 1);
      },
    );
  }

  it.skipIf(!nativeBuilt)('fused.conv2d 1x8x8x2 → 3, 3x3 dilation 2 valid, no bias, scalar-bias variant', async () => {
    const before = countOf('FusedConv2D').native;
    await expectParity(() => {
      const x = tf.tensor4d(randomValues([1, 8, 8, 2], 45), [1, 8, 8, 2]),
        w = tf.tensor4d(randomValues([3, 3, 2, 3], 46), [3, 3, 2, 3]);
      return [
        tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'valid', dilations: 2 }),
        tf.fused.conv2d({
          x,
          filter: w,
          strides: 1,
          pad: 'valid',
          dilations: 2,
          bias: tf.scalar(0.5),
          activation: 'relu',
        }),
      ];
    });
    expect(countOf('FusedConv2D').native).toBe(before + 2);
  });

  it.skipIf(!nativeBuilt)('fused.conv2d prelu runs on the cpu kernel', async () => {
    const before = countOf('FusedConv2D').fallback;
    await expectParity(() =>
      tf.fused.conv2d({
        x: tf.tensor4d(randomValues([1, 5, 5, 2], 47), [1, 5, 5, 2]),
        filter: tf.tensor4d(randomValues([3, 3, 2, 3], 48), [3, 3, 2, 3]),
        strides: 1,
        pad: 'same',
        activation: 'prelu',
        preluActivationWeights: tf.tensor1d([0.1, 0.2, 0.3]),
      }),
    );
    expect(countOf('FusedConv2D').fallback).toBe(before + 1);
  });
});
