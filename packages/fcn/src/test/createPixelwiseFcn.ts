import * as tf from '@tensorflow/tfjs';

/**
 * A one-stage stand-in for the FCN whose outputs depend on each pixel alone:
 * `object = sigmoid((R - 128) / 16)`, `contour = sigmoid((G - 128) / 16)` and `descriptor` =
 * the image means of `(R - 128) / 16` and `(G - 128) / 16`. It has the FCN's output names and a
 * `stage0_out` layer, so every function of `@qfcn/fcn` accepts it; because no pixel sees its
 * neighbours, tiled inference must reproduce the per-pixel formula exactly — a textbook fixture
 * for tests of tiling, blending, ensembles and post-processing.
 *
 * @example
 * const model = createPixelwiseFcn();
 * const out = await predictImage(model, image, { tile: 32, overlap: 8 }); // exact per-pixel values
 */
export function createPixelwiseFcn(): tf.LayersModel {
  const input = tf.input({ name: 'image', shape: [null, null, 3] });
  const features = tf.layers
    .conv2d({ name: 'stage0_out', filters: 2, kernelSize: 1, useBias: true })
    .apply(input) as tf.SymbolicTensor;
  const head = (name: string, k: [number, number]) => {
    const layer = tf.layers.conv2d({ name: `${name}_logits`, filters: 1, kernelSize: 1, useBias: true });
    const logits = layer.apply(features) as tf.SymbolicTensor;
    return { layer, k, out: tf.layers.activation({ name, activation: 'sigmoid' }).apply(logits) as tf.SymbolicTensor };
  };
  const object = head('object', [1, 0]);
  const contour = head('contour', [0, 1]);
  const descriptor = tf.layers.globalAveragePooling2d({ name: 'descriptor' }).apply(features) as tf.SymbolicTensor;
  const model = tf.model({ name: 'pixelwise_fcn', inputs: input, outputs: [object.out, contour.out, descriptor] });
  tf.tidy(() => {
    model
      .getLayer('stage0_out')
      .setWeights([tf.tensor4d([1 / 16, 0, 0, 1 / 16, 0, 0], [1, 1, 3, 2]), tf.tensor1d([-8, -8])]);
    for (const h of [object, contour]) h.layer.setWeights([tf.tensor4d(h.k, [1, 1, 2, 1]), tf.tensor1d([0])]);
  });
  return model;
}
