/**
 * Tiny tf.layers models for this package's tfjs tests (internal; not exported, not bundled).
 */
import * as tf from '@tensorflow/tfjs';

/** conv 3×3×1→4 (+bias) → batch norm → relu → flatten → dense 4·6·6→3 (+bias); input 6×6×1. */
export function tinyConvNet(seed = 1): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [6, 6, 1],
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        kernelInitializer: tf.initializers.glorotNormal({ seed }),
      }),
      tf.layers.batchNormalization(),
      tf.layers.activation({ activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: 3,
        kernelInitializer: tf.initializers.glorotNormal({ seed: seed + 1 }),
        biasInitializer: tf.initializers.constant({ value: 0.1 }),
      }),
    ],
  });
}

/** Float32 bit patterns of a tensor (for bit-exact comparisons). */
export function bitsOf(t: tf.Tensor): number[] {
  return Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
}
