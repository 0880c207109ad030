import * as tf from '@tensorflow/tfjs';
import { initializerSeed } from './internal/hash';
import { resolveFcnConfig, type FcnOptions } from './resolveFcnConfig';

/** Names of the model's outputs, in order: object and contour probabilities (NHW1) and the descriptor (NC). */
export const FCN_OUTPUTS = Object.freeze(['object', 'contour', 'descriptor'] as const);

/** Name of the fourth output of a network built with `distanceHead: true` (NHW1, normalized distance to the edge). */
export const FCN_DISTANCE_OUTPUT = 'distance';

/** Name of the output of a network built with `hvHead: true` (NHW2, horizontal and vertical offsets in −1..1). */
export const FCN_HV_OUTPUT = 'hv';

/**
 * Builds the suggestive-annotation FCN of [Yang17] (docs/algorithms.md §3) as a tfjs functional model.
 *
 * When to use: to get a fresh, seeded network to train with {@link trainFcn}; use the presets
 * `tiny` (tests, CPU demos), `small` (laptop training) or `paper` (full size).
 *
 * Details:
 * - Input: `[batch, H, W, inputChannels]` float32 with raw 0..255 pixel values (a `Rescaling`
 *   layer maps them to [-1, 1]); H and W must be multiples of `2^(stages-1)`, any size otherwise.
 * - Encoder: stage 0 is two plain 3x3 conv + BN + ReLU; every later stage is a 2x2 max-pool and two
 *   bottleneck residual blocks (1x1 C/4 → 3x3 C/4 → 1x1 C, BN + ReLU, 1x1 conv + BN projection
 *   shortcut when the channel count changes). The last layer of stage `s` is named `stage{s}_out`.
 * - Decoder: each stage's output goes through 1x1 conv + BN + ReLU to `decoderChannels` and is brought
 *   back to full resolution by `s` transposed convolutions (kernel 4, stride 2), initialised as exact
 *   bilinear 2x upsampling and trained from there. The branches are concatenated, then
 *   3x3 conv + BN + ReLU → 1x1 conv + BN + ReLU → two 1x1 heads with sigmoids. With
 *   `contourDecoderChannels` W > 0, the separating heads (contour, distance, hv) read instead a decoder
 *   of their own on the same concatenated branches: two 3x3 conv + BN + ReLU layers of W channels
 *   (`contour_dec_a`, `contour_dec_b`); the object head keeps the shared fused map.
 * - Outputs (see {@link FCN_OUTPUTS}): `object` and `contour` probabilities `[batch, H, W, 1]`, and
 *   `descriptor` `[batch, C_last]`, the spatial mean of the last encoder stage; with `distanceHead`, a
 *   fourth output `distance` `[batch, H, W, 1]` (a third 1x1 sigmoid head on the same fused features);
 *   with `hvHead`, a last output `hv` `[batch, H, W, 2]` (a 1x1 head of two channels with tanh).
 * - Weights are initialised with seeded He-normal kernels (one seed per layer derived from
 *   `options.seed`): the same options give bit-identical weights. Conv layers followed by batch norm
 *   have no bias. Uses only built-in tfjs layers, so `model.json` + weights load in any tfjs
 *   runtime, the browser included.
 *
 * @example
 * const model = createFcn({ preset: 'tiny', seed: 1 });
 * const [object, contour, descriptor] = model.predict(tf.zeros([1, 64, 64, 3])) as tf.Tensor[];
 */
export function createFcn(options: FcnOptions = {}): tf.LayersModel {
  const config = resolveFcnConfig(options);
  let layerIndex = 0;
  const kernelInit = () => tf.initializers.heNormal({ seed: initializerSeed(config.seed, layerIndex++) });

  const conv = (name: string, filters: number, kernelSize: number, useBias = false) =>
    tf.layers.conv2d({
      name,
      filters,
      kernelSize,
      padding: 'same',
      useBias,
      kernelInitializer: kernelInit(),
    });
  const bn = (name: string) => tf.layers.batchNormalization({ name, axis: -1, momentum: 0.9, epsilon: 1e-3 });
  const relu = (name: string) => tf.layers.activation({ name, activation: 'relu' });
  const convBnRelu = (x: tf.SymbolicTensor, name: string, filters: number, kernelSize: number, reluName?: string) => {
    const y = conv(`${name}_conv`, filters, kernelSize).apply(x) as tf.SymbolicTensor;
    const z = bn(`${name}_bn`).apply(y) as tf.SymbolicTensor;
    return relu(reluName ?? `${name}_relu`).apply(z) as tf.SymbolicTensor;
  };

  const input = tf.input({ name: 'image', shape: [null, null, config.inputChannels], dtype: 'float32' });
  let x = tf.layers.rescaling({ name: 'rescale', scale: 1 / 127.5, offset: -1 }).apply(input) as tf.SymbolicTensor;

  const stageOutputs: tf.SymbolicTensor[] = [];
  const c0 = config.channels[0]!;
  x = convBnRelu(x, 'stage0_a', c0, 3);
  x = convBnRelu(x, 'stage0_b', c0, 3, 'stage0_out');
  stageOutputs.push(x);

  for (let s = 1; s < config.stages; s++) {
    const c = config.channels[s]!;
    x = tf.layers.maxPooling2d({ name: `stage${s}_pool`, poolSize: 2, strides: 2 }).apply(x) as tf.SymbolicTensor;
    for (let b = 0; b < 2; b++) {
      const p = `stage${s}_block${b}`;
      const inChannels = x.shape[3] as number;
      let y = convBnRelu(x, `${p}_reduce`, c / 4, 1);
      y = convBnRelu(y, `${p}_spatial`, c / 4, 3);
      y = conv(`${p}_expand_conv`, c, 1).apply(y) as tf.SymbolicTensor;
      y = bn(`${p}_expand_bn`).apply(y) as tf.SymbolicTensor;
      let shortcut = x;
      if (inChannels !== c) {
        shortcut = conv(`${p}_proj_conv`, c, 1).apply(x) as tf.SymbolicTensor;
        shortcut = bn(`${p}_proj_bn`).apply(shortcut) as tf.SymbolicTensor;
      }
      const sum = tf.layers.add({ name: `${p}_add` }).apply([y, shortcut]) as tf.SymbolicTensor;
      x = relu(b === 1 ? `stage${s}_out` : `${p}_out`).apply(sum) as tf.SymbolicTensor;
    }
    stageOutputs.push(x);
  }

  const d = config.decoderChannels;
  const upsampleLayers: tf.layers.Layer[] = [];
  const branches = stageOutputs.map((out, s) => {
    let y = convBnRelu(out, `dec${s}`, d, 1);
    for (let k = 0; k < s; k++) {
      const up = tf.layers.conv2dTranspose({
        name: `dec${s}_up${k}`,
        filters: d,
        kernelSize: 4,
        strides: 2,
        padding: 'same',
        useBias: false,
        kernelInitializer: 'zeros',
      });
      upsampleLayers.push(up);
      y = up.apply(y) as tf.SymbolicTensor;
    }
    return y;
  });
  const concat =
    branches.length > 1
      ? (tf.layers.concatenate({ name: 'fuse_concat', axis: -1 }).apply(branches) as tf.SymbolicTensor)
      : branches[0]!;
  let fused = convBnRelu(concat, 'fuse_a', d, 3);
  fused = convBnRelu(fused, 'fuse_b', d, 1);
  // The 1x1 heads are made (and seeded) in a fixed order before the separating decoder's layers, so
  // every layer of the shared-decoder network keeps its seed whichever options are added.
  const headLayer = (name: string, filters: number, bias: number) =>
    tf.layers.conv2d({
      name: `${name}_logits`,
      filters,
      kernelSize: 1,
      useBias: true,
      kernelInitializer: tf.initializers.glorotNormal({ seed: initializerSeed(config.seed, layerIndex++) }),
      biasInitializer: tf.initializers.constant({ value: bias }),
    });
  const objectLogits = headLayer('object', 1, 0);
  // Contours are a few pixels wide: start the contour head at a low prior (sigmoid(-2) ≈ 0.12).
  const contourLogits = headLayer('contour', 1, -2);
  // the distance target is 0 on background and averages about 0.5 inside objects: start at sigmoid(-1)
  const distanceLogits = config.distanceHead ? headLayer(FCN_DISTANCE_OUTPUT, 1, -1) : undefined;
  // the offsets are antisymmetric around each centroid: start at 0
  const hvLogits = config.hvHead ? headLayer(FCN_HV_OUTPUT, 2, 0) : undefined;
  let separating = fused;
  const w = config.contourDecoderChannels;
  if (w > 0) {
    separating = convBnRelu(concat, 'contour_dec_a', w, 3);
    separating = convBnRelu(separating, 'contour_dec_b', w, 3);
  }
  const activate = (name: string, activation: 'sigmoid' | 'tanh', logits: tf.layers.Layer, from: tf.SymbolicTensor) =>
    tf.layers.activation({ name, activation }).apply(logits.apply(from)) as tf.SymbolicTensor;
  const object = activate('object', 'sigmoid', objectLogits, fused);
  const contour = activate('contour', 'sigmoid', contourLogits, separating);
  const descriptor = tf.layers
    .globalAveragePooling2d({ name: 'descriptor', dataFormat: 'channelsLast' })
    .apply(stageOutputs[stageOutputs.length - 1]!) as tf.SymbolicTensor;
  const outputs = [object, contour, descriptor];
  if (distanceLogits) outputs.push(activate(FCN_DISTANCE_OUTPUT, 'sigmoid', distanceLogits, separating));
  if (hvLogits) outputs.push(activate(FCN_HV_OUTPUT, 'tanh', hvLogits, separating));

  const model = tf.model({ name: `qfcn_${config.preset}`, inputs: input, outputs });

  // Transposed convolutions start as exact bilinear 2x upsampling (per channel, half-pixel aligned).
  if (upsampleLayers.length > 0) {
    const kernel = bilinearKernel(d);
    for (const layer of upsampleLayers) layer.setWeights([kernel]);
    kernel.dispose();
  }
  return model;
}

/** Kernel `[4, 4, d, d]` of a stride-2 transposed convolution that performs bilinear 2x upsampling per channel. */
function bilinearKernel(d: number): tf.Tensor4D {
  const taps = [0.25, 0.75, 0.75, 0.25];
  const values = new Float32Array(4 * 4 * d * d);
  for (let ky = 0; ky < 4; ky++) {
    for (let kx = 0; kx < 4; kx++) {
      for (let c = 0; c < d; c++) values[((ky * 4 + kx) * d + c) * d + c] = taps[ky]! * taps[kx]!;
    }
  }
  return tf.tensor4d(values, [4, 4, d, d]);
}
