import * as tf from '@tensorflow/tfjs-core';
import { seededNormal } from './mulberry32';

/** Options of {@link createProbeNet}. */
export interface ProbeNetOptions {
  /** Seed of the weights. Default 1. */
  readonly seed?: number;
  /** Channels of the input image. Default 3. */
  readonly inputChannels?: number;
  /** Channels of the first stage (the second has twice as many). Default 8. */
  readonly width?: number;
}

/** Outputs of one forward pass of the probe net. */
export interface ProbeNetOutputs {
  /** Object (channel 0) and contour (channel 1) probabilities, `[n, h, w, 2]`. */
  readonly probabilities: tf.Tensor4D;
  /** Logits of the same, `[n, h, w, 2]`. */
  readonly logits: tf.Tensor4D;
  /** Spatial mean of the last encoder stage, `[n, 2·width]`. */
  readonly descriptor: tf.Tensor2D;
}

/** A tiny FCN made of every op the qfcn FCN trains through (see {@link createProbeNet}). */
export interface ProbeNet {
  readonly variables: readonly tf.Variable[];
  forward(x: tf.Tensor4D): ProbeNetOutputs;
  /** Mean of the two per-pixel BCE losses (object via clipped probabilities, contour via logits). */
  loss(x: tf.Tensor4D, target: tf.Tensor4D): tf.Scalar;
  /** One optimizer step on `loss`; returns the loss before the step. Leak-free. */
  trainStep(optimizer: tf.Optimizer, x: tf.Tensor4D, target: tf.Tensor4D): number;
  dispose(): void;
}

/**
 * A tiny encoder–decoder FCN that uses every op the qfcn FCN ([Yang17] §3) trains through, with
 * seeded weights: for tracing which kernels training needs, and for backend parity and leak tests.
 *
 * When to use: in tests of a backend (`traceKernels(() => net.trainStep(...))`), or as a fast,
 * deterministic stand-in for the real FCN. Input height and width must be even.
 *
 * Details: stage 0 = 3×3 conv (no bias) + batch norm (batch statistics, as in training) + ReLU;
 * stage 1 = 2×2 max-pool + a bottleneck residual block (1×1 → 3×3 → 1×1 with BN, 1×1 projection
 * shortcut with BN, add, ReLU). Decoder: per stage a 1×1 conv + BN + ReLU, stage 1 upsampled both
 * by a 4×4 stride-2 `'same'` transposed conv and by bilinear resize; concat; 3×3 conv + BN + ReLU;
 * 1×1 conv with bias (fused) to 2 logits; sigmoid. Loss: BCE on clipped probabilities (object, the
 * tf.layers formulation) and on logits (contour). Descriptor: spatial mean of stage 1. BN moving
 * statistics are updated as tf.layers does. Only tfjs-core is used (no tf.layers).
 *
 * @example
 * const net = createProbeNet({ seed: 3 });
 * const loss = net.trainStep(tf.train.adam(5e-4), x, target); // x [2,8,8,3], target [2,8,8,2]
 * net.dispose();
 */
export function createProbeNet(options: ProbeNetOptions = {}): ProbeNet {
  const seed = options.seed ?? 1;
  const cin = options.inputChannels ?? 3;
  const c0 = options.width ?? 8;
  const c1 = 2 * c0;
  const q = Math.max(1, c1 / 4);
  const d = c0; // decoder channels
  let counter = 0;
  const variables: tf.Variable[] = [];
  const stats: tf.Variable[] = [];
  const conv = (kh: number, ci: number, co: number) => {
    const v = tf.variable(
      tf.tensor4d(seededNormal(kh * kh * ci * co, seed * 1000 + counter++, Math.sqrt(2 / (kh * kh * ci))), [
        kh,
        kh,
        ci,
        co,
      ]),
    );
    variables.push(v);
    return v;
  };
  const vec = (n: number, value: number, trainable = true) => {
    const v = tf.variable(tf.fill([n], value), trainable);
    (trainable ? variables : stats).push(v);
    return v;
  };
  const bn = (c: number) => ({ gamma: vec(c, 1), beta: vec(c, 0), mean: vec(c, 0, false), variance: vec(c, 1, false) });
  type Bn = ReturnType<typeof bn>;

  const w = {
    s0: conv(3, cin, c0),
    s0bn: bn(c0),
    reduce: conv(1, c0, q),
    reduceBn: bn(q),
    spatial: conv(3, q, q),
    spatialBn: bn(q),
    expand: conv(1, q, c1),
    expandBn: bn(c1),
    proj: conv(1, c0, c1),
    projBn: bn(c1),
    dec0: conv(1, c0, d),
    dec0Bn: bn(d),
    dec1: conv(1, c1, d),
    dec1Bn: bn(d),
    up: conv(4, d, d),
    bil: conv(1, c1, d),
    fuse: conv(3, 3 * d, d),
    fuseBn: bn(d),
    head: conv(1, d, 2),
    headBias: vec(2, 0),
  };

  const momentum = 0.9;
  const batchNorm = (x: tf.Tensor4D, p: Bn): tf.Tensor4D => {
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    // Moving statistics, updated as tf.layers' BatchNormalization does in training.
    p.mean.assign(tf.sub(p.mean, tf.mul(tf.sub(p.mean, mean), 1 - momentum)) as tf.Tensor1D);
    p.variance.assign(tf.sub(p.variance, tf.mul(tf.sub(p.variance, variance), 1 - momentum)) as tf.Tensor1D);
    return tf.batchNorm(x, mean, variance, p.beta, p.gamma, 1e-3) as tf.Tensor4D;
  };
  const cbr = (x: tf.Tensor4D, f: tf.Variable, p: Bn) =>
    tf.relu(batchNorm(tf.conv2d(x, f as tf.Tensor4D, 1, 'same'), p));

  const forward = (x: tf.Tensor4D): ProbeNetOutputs => {
    const [n, h, wd] = x.shape;
    const s0 = cbr(x, w.s0, w.s0bn);
    const pooled = tf.maxPool(s0, 2, 2, 'valid');
    let y = cbr(pooled, w.reduce, w.reduceBn);
    y = cbr(y, w.spatial, w.spatialBn);
    y = batchNorm(tf.conv2d(y, w.expand as tf.Tensor4D, 1, 'same'), w.expandBn);
    const shortcut = batchNorm(tf.conv2d(pooled, w.proj as tf.Tensor4D, 1, 'same'), w.projBn);
    const s1 = tf.relu(tf.add(y, shortcut)) as tf.Tensor4D;
    const b0 = cbr(s0, w.dec0, w.dec0Bn);
    const b1 = cbr(s1, w.dec1, w.dec1Bn);
    const up = tf.conv2dTranspose(b1, w.up as tf.Tensor4D, [n, h, wd, d], 2, 'same');
    const bil = tf.conv2d(tf.image.resizeBilinear(s1, [h, wd], false), w.bil as tf.Tensor4D, 1, 'same');
    const fused = cbr(tf.concat([b0, up, bil], 3), w.fuse, w.fuseBn);
    const logits = tf.fused.conv2d({
      x: fused,
      filter: w.head as tf.Tensor4D,
      bias: w.headBias,
      strides: 1,
      pad: 'same',
      activation: 'linear',
    });
    return { logits, probabilities: tf.sigmoid(logits), descriptor: tf.mean(s1, [1, 2]) as tf.Tensor2D };
  };

  const loss = (x: tf.Tensor4D, target: tf.Tensor4D): tf.Scalar =>
    tf.tidy(() => {
      const { probabilities, logits } = forward(x);
      const [n, h, wd] = x.shape;
      const objectP = tf.slice(probabilities, [0, 0, 0, 0], [n, h, wd, 1]);
      const objectT = tf.slice(target, [0, 0, 0, 0], [n, h, wd, 1]);
      const eps = 1e-7;
      const p = tf.clipByValue(objectP, eps, 1 - eps);
      const objectLoss = tf.neg(
        tf.mean(tf.add(tf.mul(objectT, tf.log(p)), tf.mul(tf.sub(1, objectT), tf.log(tf.sub(1, p))))),
      );
      const contourLoss = tf.losses.sigmoidCrossEntropy(
        tf.slice(target, [0, 0, 0, 1], [n, h, wd, 1]),
        tf.slice(logits, [0, 0, 0, 1], [n, h, wd, 1]),
      );
      return tf.mul(tf.add(objectLoss, contourLoss), 0.5) as tf.Scalar;
    });

  return {
    variables,
    forward,
    loss,
    trainStep(optimizer, x, target) {
      const value = optimizer.minimize(() => loss(x, target), true, variables);
      const out = value!.dataSync()[0]!;
      value!.dispose();
      return out;
    },
    dispose() {
      for (const v of [...variables, ...stats]) v.dispose();
    },
  };
}
