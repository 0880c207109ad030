import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';
import { registerNativeGradients } from './registerNativeGradients';

/** Training-mode batch norm as tf.layers does it: moments of x, then tf.batchNorm. */
function layerBatchNorm(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  return tf.batchNorm(x, mean, variance, beta, gamma, 1e-3) as tf.Tensor4D;
}

describe(`qfcn-native fused gradients vs tfjs's own on cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)('registering twice wraps each gradient once', () => {
    const before = tf.getGradient('Relu');
    expect(registerNativeGradients('qfcn-native')).toEqual(['FusedBatchNorm', 'Mean', 'Sum', 'Square', 'Relu']);
    expect(tf.getGradient('Relu')).toBe(before);
  });

  it.skipIf(!nativeBuilt)('batch norm 2x5x7x6 in training mode (moments + batchNorm): dx, dγ, dβ', async () => {
    const before = countOf('QfcnBatchNormGradStats').native;
    await expectParity(
      () => {
        const x = tf.tensor4d(randomValues([2, 5, 7, 6], 121), [2, 5, 7, 6]);
        const gamma = tf.tensor1d(randomValues([6], 122)),
          beta = tf.tensor1d(randomValues([6], 123));
        const dy = tf.tensor4d(randomValues([2, 5, 7, 6], 124), [2, 5, 7, 6]);
        return tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
          layerBatchNorm(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D),
        )([x, gamma, beta], dy);
      },
      { rtol: 2e-5, atol: 1e-6 },
    );
    expect(countOf('QfcnBatchNormGradStats').native).toBe(before + 1);
  });

  it.skipIf(!nativeBuilt)('batch norm + relu stack 4x16x16x8, loss = mean of squares: every gradient', async () => {
    await expectParity(
      () => {
        const x = tf.tensor4d(randomValues([4, 16, 16, 8], 125), [4, 16, 16, 8]);
        const g = tf.tensor1d(randomValues([8], 126)),
          b = tf.tensor1d(randomValues([8], 127));
        const f = (a: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) =>
          tf.mean(tf.square(tf.relu(layerBatchNorm(a as tf.Tensor4D, gg as tf.Tensor1D, bb as tf.Tensor1D))));
        return tf.grads(f)([x, g, b]);
      },
      { rtol: 2e-5, atol: 1e-7 },
    );
  });

  it.skipIf(!nativeBuilt)(
    'batch norm with variance and mean as plain inputs (no moments): all five gradients',
    async () => {
      await expectParity(
        () => {
          const x = tf.tensor2d(randomValues([9, 5], 128), [9, 5]);
          const m = tf.tensor1d(randomValues([5], 129)),
            v = tf.add(tf.tensor1d(randomValues([5], 130)), 2);
          const o = tf.tensor1d(randomValues([5], 131)),
            s = tf.tensor1d(randomValues([5], 132));
          const dy = tf.tensor2d(randomValues([9, 5], 133), [9, 5]);
          return tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor, e: tf.Tensor) =>
            tf.batchNorm(a, b, c, d, e, 1e-3),
          )([x, m, v, o, s], dy);
        },
        { rtol: 2e-5, atol: 1e-6 },
      );
    },
  );

  it.skipIf(!nativeBuilt)('relu grad of [-1, 2, NaN] with dy 3 = [0, 3, NaN] through QfcnReluGrad', async () => {
    const before = countOf('QfcnReluGrad').native;
    const [dx] = await onBackend('qfcn-native', () =>
      tf.grad((x: tf.Tensor) => tf.relu(x))(tf.tensor1d([-1, 2, NaN]), tf.tensor1d([3, 3, 3])),
    );
    expect(Array.from(dx!)).toEqual([0, 3, NaN]);
    expect(countOf('QfcnReluGrad').native).toBe(before + 1);
  });

  it.skipIf(!nativeBuilt)('square grad of [3, -0.5] = 2x = [6, -1] through QfcnSquareGrad', async () => {
    const before = countOf('QfcnSquareGrad').native;
    const [dx] = await onBackend('qfcn-native', () => tf.grad((x: tf.Tensor) => tf.square(x))(tf.tensor1d([3, -0.5])));
    expect(Array.from(dx!)).toEqual([6, -1]);
    expect(countOf('QfcnSquareGrad').native).toBe(before + 1);
  });

  const reduceCases: [string, number[], number | number[] | undefined][] = [
    ['2x5x7x6 over [0,1,2]', [2, 5, 7, 6], [0, 1, 2]],
    ['2x5x7x6 over [1,2]', [2, 5, 7, 6], [1, 2]],
    ['3x4 over everything', [3, 4], undefined],
    ['3x4 over -1', [3, 4], -1],
  ];
  for (const [name, shape, axis] of reduceCases) {
    it.skipIf(!nativeBuilt)(`mean and sum gradients ${name}`, async () => {
      await expectParity(
        () => {
          const x = tf.tensor(randomValues(shape, 134), shape);
          return [
            tf.grad((a: tf.Tensor) => tf.mean(tf.square(tf.mean(a, axis, true))))(x),
            tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.sum(a, axis))))(x),
          ];
        },
        { rtol: 1e-6, atol: 1e-7 },
      );
    });
  }

  it.skipIf(!nativeBuilt)('second derivatives: d²/dx² of x³/3 = 2x, of relu(x)·x = 2·step(x)', async () => {
    // The inner backward pass is taped, so it runs tfjs's differentiable gradients; only the outer
    // (first-order) pass may use the fused kernels.
    const [a, b] = await onBackend('qfcn-native', () => [
      tf.grad(tf.grad((x: tf.Tensor) => tf.div(tf.mul(tf.square(x), x), 3)))(tf.tensor1d([1.5, -2])),
      tf.grad(tf.grad((x: tf.Tensor) => tf.mul(tf.relu(x), x)))(tf.tensor1d([1.5, -2])),
    ]);
    expect([Array.from(a!), Array.from(b!)]).toEqual([
      [3, -4],
      [2, 0],
    ]);
  });

  it.skipIf(!nativeBuilt)(
    "on the cpu backend the same gradients run tfjs's functions (no qfcn kernel is used)",
    async () => {
      const before = ['QfcnReluGrad', 'QfcnSquareGrad', 'QfcnBatchNormGradStats'].map((k) => countOf(k).native);
      await onBackend('cpu', () => {
        const x = tf.tensor4d(randomValues([2, 3, 3, 2], 135), [2, 3, 3, 2]);
        return tf.grad((a: tf.Tensor) =>
          tf.sum(
            tf.square(
              tf.relu(layerBatchNorm(a as tf.Tensor4D, tf.ones([2]) as tf.Tensor1D, tf.zeros([2]) as tf.Tensor1D)),
            ),
          ),
        )(x);
      });
      expect(['QfcnReluGrad', 'QfcnSquareGrad', 'QfcnBatchNormGradStats'].map((k) => countOf(k).native)).toEqual(
        before,
      );
    },
  );
});
