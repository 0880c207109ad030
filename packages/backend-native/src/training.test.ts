import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomValues } from './testing/parity';
import { countOf, nativeBuilt, setupNative, skipReason } from './testing/nativeSuite';

/**
 * A miniature of the FCN (docs/algorithms.md §3) with every layer type it trains: conv + batch norm + ReLU,
 * max-pool, a bottleneck with a residual add, a transposed-conv upsampling branch, channel
 * concatenation, and a 1x1 logits head; seeded weights.
 */
function miniFcn(): tf.LayersModel {
  let seed = 1;
  const conv = (filters: number, kernelSize: number) =>
    tf.layers.conv2d({
      filters,
      kernelSize,
      padding: 'same',
      useBias: false,
      kernelInitializer: tf.initializers.heNormal({ seed: seed++ }),
    });
  const cbr = (x: tf.SymbolicTensor, filters: number, kernelSize: number) =>
    tf.layers
      .activation({ activation: 'relu' })
      .apply(
        tf.layers
          .batchNormalization({ axis: -1, momentum: 0.9, epsilon: 1e-3 })
          .apply(conv(filters, kernelSize).apply(x)),
      ) as tf.SymbolicTensor;
  const input = tf.input({ shape: [null, null, 3] });
  const s0 = cbr(cbr(input, 8, 3), 8, 3);
  const pooled = tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(s0) as tf.SymbolicTensor;
  const inner = cbr(cbr(pooled, 4, 1), 4, 3);
  const expanded = tf.layers.batchNormalization({ axis: -1 }).apply(conv(16, 1).apply(inner)) as tf.SymbolicTensor;
  const shortcut = conv(16, 1).apply(pooled) as tf.SymbolicTensor;
  const s1 = tf.layers
    .activation({ activation: 'relu' })
    .apply(tf.layers.add().apply([expanded, shortcut])) as tf.SymbolicTensor;
  const up = tf.layers
    .conv2dTranspose({
      filters: 4,
      kernelSize: 4,
      strides: 2,
      padding: 'same',
      useBias: false,
      kernelInitializer: tf.initializers.glorotNormal({ seed: seed++ }),
    })
    .apply(cbr(s1, 4, 1)) as tf.SymbolicTensor;
  const fused = tf.layers.concatenate({ axis: -1 }).apply([cbr(s0, 4, 1), up]) as tf.SymbolicTensor;
  const logits = tf.layers
    .conv2d({ filters: 1, kernelSize: 1, kernelInitializer: tf.initializers.glorotNormal({ seed: seed++ }) })
    .apply(cbr(fused, 4, 3));
  return tf.model({ inputs: input, outputs: logits as tf.SymbolicTensor });
}

/** Three Adam steps on a seeded 2x12x10x3 batch; returns the losses and the final weights. */
async function train(backend: string): Promise<{ losses: number[]; weights: Float32Array[]; counts: number[] }> {
  await tf.setBackend(backend);
  const model = miniFcn();
  const x = tf.mul(tf.add(tf.tensor4d(randomValues([2, 12, 10, 3], 141), [2, 12, 10, 3]), 1), 127.5);
  const target = tf.cast(tf.greater(tf.tensor4d(randomValues([2, 12, 10, 1], 142), [2, 12, 10, 1]), 0), 'float32');
  const optimizer = tf.train.adam(1e-2);
  const losses: number[] = [];
  const counts: number[] = [];
  for (let step = 0; step < 3; step++) {
    const loss = optimizer.minimize(
      () =>
        tf.losses.sigmoidCrossEntropy(
          target,
          model.apply(tf.div(x, 255), { training: true }) as tf.Tensor,
        ) as tf.Scalar,
      true,
    ) as tf.Scalar;
    losses.push(loss.dataSync()[0]!);
    loss.dispose();
    counts.push(tf.memory().numTensors);
  }
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  tf.dispose([x, target]);
  optimizer.dispose();
  model.dispose();
  return { losses, weights, counts };
}

describe(`training a miniature FCN on qfcn-native vs cpu${skipReason}`, () => {
  beforeAll(async () => {
    if (nativeBuilt) await setupNative();
  });

  it.skipIf(!nativeBuilt)(
    '3 Adam steps at 2x12x10x3: same losses and weights as cpu, fused gradients used, no tensor leak',
    async () => {
      const before = countOf('QfcnBatchNormGradStats').native;
      const native = await train('qfcn-native');
      expect(countOf('QfcnBatchNormGradStats').native).toBeGreaterThan(before);
      const cpu = await train('cpu');
      // Every step ends with the same number of live tensors (no leak).
      expect(new Set(native.counts).size).toBe(1);
      for (let i = 0; i < cpu.losses.length; i++) expect(native.losses[i]).toBeCloseTo(cpu.losses[i]!, 4);
      expect(native.losses[2]).toBeLessThan(native.losses[0]!);
      for (let w = 0; w < cpu.weights.length; w++) {
        const worst = cpu.weights[w]!.reduce((m, v, i) => Math.max(m, Math.abs(v - native.weights[w]![i]!)), 0);
        expect(worst, `weight ${w}`).toBeLessThan(1e-3);
      }
    },
  );
});
