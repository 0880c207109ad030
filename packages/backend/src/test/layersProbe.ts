import * as tf from '@tensorflow/tfjs';

/**
 * Internal test helper (not exported from `@qfcn/backend/test`, which needs only tfjs-core): the
 * probe net's architecture written with tf.layers, as `@qfcn/fcn` builds the FCN — conv2d
 * `'same'` without bias + batchNormalization + relu, maxPooling2d, bottleneck block with add,
 * conv2dTranspose 4×4 stride 2 `'same'`, concatenate, 1×1 conv with bias + sigmoid,
 * globalAveragePooling2d descriptor.
 */
export function createLayersProbe(): tf.LayersModel {
  const cbr = (x: tf.SymbolicTensor, filters: number, kernelSize: number) => {
    const y = tf.layers
      .conv2d({
        filters,
        kernelSize,
        padding: 'same',
        useBias: false,
        kernelInitializer: tf.initializers.heNormal({ seed: filters * 10 + kernelSize }),
      })
      .apply(x);
    const z = tf.layers.batchNormalization({ axis: -1, momentum: 0.9, epsilon: 1e-3 }).apply(y);
    return tf.layers.activation({ activation: 'relu' }).apply(z) as tf.SymbolicTensor;
  };
  const conv1 = (x: tf.SymbolicTensor, filters: number) =>
    tf.layers.batchNormalization({}).apply(
      tf.layers
        .conv2d({
          filters,
          kernelSize: 1,
          padding: 'same',
          useBias: false,
          kernelInitializer: tf.initializers.heNormal({ seed: filters }),
        })
        .apply(x),
    ) as tf.SymbolicTensor;
  const input = tf.input({ shape: [null, null, 3] as unknown as number[] });
  const scaled = tf.layers.rescaling({ scale: 1 / 127.5, offset: -1 }).apply(input) as tf.SymbolicTensor;
  const s0 = cbr(scaled, 8, 3);
  const pooled = tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(s0) as tf.SymbolicTensor;
  const y = conv1(cbr(cbr(pooled, 4, 1), 4, 3), 16);
  const sum = tf.layers.add().apply([y, conv1(pooled, 16)]) as tf.SymbolicTensor;
  const s1 = tf.layers.activation({ activation: 'relu' }).apply(sum) as tf.SymbolicTensor;
  const up = tf.layers
    .conv2dTranspose({
      filters: 8,
      kernelSize: 4,
      strides: 2,
      padding: 'same',
      useBias: false,
      kernelInitializer: tf.initializers.heNormal({ seed: 4 }),
    })
    .apply(cbr(s1, 8, 1)) as tf.SymbolicTensor;
  const fused = cbr(
    cbr(tf.layers.concatenate({ axis: -1 }).apply([cbr(s0, 8, 1), up]) as tf.SymbolicTensor, 8, 3),
    8,
    1,
  );
  const logits = tf.layers
    .conv2d({ filters: 1, kernelSize: 1, useBias: true, kernelInitializer: tf.initializers.glorotNormal({ seed: 9 }) })
    .apply(fused);
  const object = tf.layers.activation({ activation: 'sigmoid' }).apply(logits) as tf.SymbolicTensor;
  const descriptor = tf.layers.globalAveragePooling2d({ dataFormat: 'channelsLast' }).apply(s1) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [object, descriptor] });
}
