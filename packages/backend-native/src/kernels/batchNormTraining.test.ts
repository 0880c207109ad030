import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, onBackend, randomValues } from '../testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from '../testing/nativeSuite';

const run = (name: string, inputs: tf.NamedTensorMap, eps: number) =>
  tf.engine().runKernel(name, inputs, { varianceEpsilon: eps }) as [tf.Tensor, tf.Tensor, tf.Tensor];

describe(`QfcnBatchNormTraining and QfcnBatchNormTrainingGrad on qfcn-native${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)('x [2,1] = [1, 3], γ 2, β 1, ε 0: y [-1, 3], mean 2, variance 1', async () => {
    const before = countOf('QfcnBatchNormTraining').native;
    const [y, mean, variance] = await onBackend('qfcn-native', () =>
      run('QfcnBatchNormTraining', { x: tf.tensor2d([[1], [3]]), gamma: tf.tensor1d([2]), beta: tf.tensor1d([1]) }, 0),
    );
    expect([Array.from(y!), Array.from(mean!), Array.from(variance!)]).toEqual([[-1, 3], [2], [1]]);
    expect(countOf('QfcnBatchNormTraining').native).toBe(before + 1);
  });

  it.skipIf(!nativeBuilt)(
    'x [2,5,7,6] and [4,64,64,8] (the second above the threads threshold of 131,072 elements): forward and gradient match tf.moments + tf.batchNorm autodiff on cpu (atol 2e-5)',
    async () => {
      for (const shape of [
        [2, 5, 7, 6],
        [4, 64, 64, 8],
      ]) {
        const c = shape[3]!;
        const make = () => ({
          x: tf.add(tf.mul(tf.tensor(randomValues(shape, 1), shape), 2), 0.5),
          gamma: tf.tensor(randomValues([c], 2), [c]),
          beta: tf.tensor(randomValues([c], 3), [c]),
          dy: tf.tensor(randomValues(shape, 4), shape),
          dMean: tf.tensor(randomValues([c], 5), [c]),
          dVariance: tf.tensor(randomValues([c], 6), [c]),
        });
        const eps = 1e-3;
        const native = await onBackend('qfcn-native', () => {
          const { x, gamma, beta, dy, dMean, dVariance } = make();
          const [y, mean, variance] = run('QfcnBatchNormTraining', { x, gamma, beta }, eps);
          const grads = run('QfcnBatchNormTrainingGrad', { dy, x, gamma, mean, variance, dMean, dVariance }, eps);
          return [y, mean, variance, ...grads];
        });
        const reference = await onBackend('cpu', () => {
          const { x, gamma, beta, dy, dMean, dVariance } = make();
          const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
            const { mean, variance } = tf.moments(a, [0, 1, 2]);
            const y = tf.batchNorm(a, mean, variance, b, g, eps);
            return { y, mean, variance };
          };
          const fwd = f(x, gamma, beta);
          const loss = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
            const r = f(a, g, b);
            return tf.addN([
              tf.sum(tf.mul(r.y, dy)),
              tf.sum(tf.mul(r.mean, dMean)),
              tf.sum(tf.mul(r.variance, dVariance)),
            ]) as tf.Scalar;
          };
          return [fwd.y, fwd.mean, fwd.variance, ...tf.grads(loss)([x, gamma, beta])];
        });
        for (let i = 0; i < native.length; i++) expectClose(native[i]!, reference[i]!, { rtol: 1e-4, atol: 2e-5 });
      }
    },
  );
});
