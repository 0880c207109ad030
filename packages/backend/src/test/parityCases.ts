import * as tf from '@tensorflow/tfjs-core';
import { mulberry32, seededNormal } from './mulberry32';

/** One op of the FCN, with seeded inputs, whose forward value and gradients are compared across backends. */
export interface ParityCase {
  /** Names the op and its shapes, e.g. `conv2d x1x7x9x3 f3x3x3x4 stride 2 same`. */
  readonly name: string;
  /** Shape of each input; values are seeded standard normals unless `binary` lists the input. */
  readonly inputs: Readonly<Record<string, readonly number[]>>;
  /** Inputs filled with seeded 0/1 values (targets); they are not differentiated. */
  readonly binary?: readonly string[];
  /** The op; it is differentiated with respect to every non-binary input. */
  readonly op: (inputs: Record<string, tf.Tensor>) => tf.Tensor;
  /** Largest allowed `max |a − b| / max |reference|`, per output and per gradient. Default `1e-4`. */
  readonly tolerance?: number;
}

const conv = (x: number[], f: number[], stride: number, pad: 'same' | 'valid'): ParityCase => ({
  name: `conv2d x${x.join('x')} f${f.join('x')} stride ${stride} ${pad}`,
  inputs: { x, f },
  op: ({ x: a, f: b }) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad),
});

const convT = (dy: number[], out: number[], f: number[], stride: number, pad: 'same' | 'valid'): ParityCase => ({
  name: `conv2dTranspose y${dy.join('x')} -> ${out.join('x')} f${f.join('x')} stride ${stride} ${pad}`,
  inputs: { y: dy, f },
  op: ({ y, f: b }) =>
    tf.conv2dTranspose(y as tf.Tensor4D, b as tf.Tensor4D, out as [number, number, number, number], stride, pad),
});

/**
 * Every op the qfcn FCN trains through, on small and odd shapes (7×9 inputs, 3 channels, stride 2
 * over odd sizes): convolutions 1×1 / 3×3 / stride 2 / `'same'` / `'valid'`, 4×4 stride-2 and 2×2
 * transposed convolutions, fused conv with bias, max-pool, bilinear resize, batch norm with batch
 * moments, ReLU, sigmoid, concat, bias add, spatial mean, and both BCE formulations.
 *
 * When to use: with {@link runParityCase} and {@link parityError}, to check that a backend (e.g. a
 * new native one) computes what the cpu reference computes, forward and backward.
 */
export const parityCases: readonly ParityCase[] = Object.freeze([
  conv([1, 7, 9, 3], [3, 3, 3, 4], 1, 'same'),
  conv([1, 7, 9, 3], [3, 3, 3, 4], 1, 'valid'),
  conv([1, 7, 9, 3], [3, 3, 3, 4], 2, 'same'),
  conv([1, 7, 9, 3], [3, 3, 3, 4], 2, 'valid'),
  conv([2, 8, 8, 4], [3, 3, 4, 6], 1, 'same'),
  conv([2, 7, 9, 8], [1, 1, 8, 4], 1, 'same'),
  conv([1, 7, 9, 3], [4, 4, 3, 2], 2, 'same'),
  conv([1, 7, 9, 8], [3, 3, 8, 4], 2, 'same'),
  convT([1, 4, 5, 4], [1, 7, 9, 3], [4, 4, 3, 4], 2, 'same'),
  convT([1, 4, 5, 4], [1, 7, 9, 8], [4, 4, 8, 4], 2, 'same'),
  convT([2, 4, 4, 6], [2, 8, 8, 5], [4, 4, 5, 6], 2, 'same'),
  convT([1, 4, 4, 3], [1, 8, 8, 2], [2, 2, 2, 3], 2, 'valid'),
  {
    name: 'fused conv2d x1x7x9x5 f1x1x5x2 bias 2 linear',
    inputs: { x: [1, 7, 9, 5], f: [1, 1, 5, 2], b: [2] },
    op: ({ x, f, b }) =>
      tf.fused.conv2d({
        x: x as tf.Tensor4D,
        filter: f as tf.Tensor4D,
        bias: b,
        strides: 1,
        pad: 'same',
        activation: 'linear',
      }),
  },
  {
    name: 'fused conv2d x2x6x7x3 f3x3x3x4 bias 4 linear',
    inputs: { x: [2, 6, 7, 3], f: [3, 3, 3, 4], b: [4] },
    op: ({ x, f, b }) =>
      tf.fused.conv2d({
        x: x as tf.Tensor4D,
        filter: f as tf.Tensor4D,
        bias: b,
        strides: 1,
        pad: 'same',
        activation: 'linear',
      }),
  },
  {
    name: 'maxPool x1x8x8x3 2x2 stride 2 valid',
    inputs: { x: [1, 8, 8, 3] },
    op: ({ x }) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'),
  },
  {
    name: 'maxPool x2x7x9x3 2x2 stride 2 same',
    inputs: { x: [2, 7, 9, 3] },
    op: ({ x }) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'same'),
  },
  {
    name: 'resizeBilinear x1x4x5x3 -> 7x9',
    inputs: { x: [1, 4, 5, 3] },
    op: ({ x }) => tf.image.resizeBilinear(x as tf.Tensor4D, [7, 9]),
  },
  {
    name: 'resizeBilinear x2x4x4x2 -> 16x16',
    inputs: { x: [2, 4, 4, 2] },
    op: ({ x }) => tf.image.resizeBilinear(x as tf.Tensor4D, [16, 16]),
  },
  {
    name: 'batchNorm with batch moments x2x5x7x4 gamma 4 beta 4',
    inputs: { x: [2, 5, 7, 4], gamma: [4], beta: [4] },
    op: ({ x, gamma, beta }) => {
      const { mean, variance } = tf.moments(x!, [0, 1, 2]);
      return tf.batchNorm(x!, mean, variance, beta, gamma, 1e-3);
    },
    tolerance: 1e-3,
  },
  { name: 'relu x2x5x7x3', inputs: { x: [2, 5, 7, 3] }, op: ({ x }) => tf.relu(x!) },
  { name: 'sigmoid x2x5x7x3', inputs: { x: [2, 5, 7, 3] }, op: ({ x }) => tf.sigmoid(x!) },
  {
    name: 'add x1x5x7x4 + bias 4, residual add x1x5x7x4',
    inputs: { x: [1, 5, 7, 4], b: [4], r: [1, 5, 7, 4] },
    op: ({ x, b, r }) => tf.add(tf.add(x!, b!), r!),
  },
  {
    name: 'concat x1x5x7x2, x1x5x7x3, x1x5x7x1 on channels',
    inputs: { a: [1, 5, 7, 2], b: [1, 5, 7, 3], c: [1, 5, 7, 1] },
    op: ({ a, b, c }) => tf.concat([a!, b!, c!], 3),
  },
  {
    name: 'spatial mean x2x5x7x4 -> 2x4',
    inputs: { x: [2, 5, 7, 4] },
    op: ({ x }) => tf.mean(x!, [1, 2]),
  },
  {
    name: 'BCE on clipped sigmoid probabilities x2x5x7x1, 0/1 target',
    inputs: { x: [2, 5, 7, 1], t: [2, 5, 7, 1] },
    binary: ['t'],
    op: ({ x, t }) => {
      const p = tf.clipByValue(tf.sigmoid(x!), 1e-7, 1 - 1e-7);
      return tf.neg(tf.mean(tf.add(tf.mul(t!, tf.log(p)), tf.mul(tf.sub(1, t!), tf.log(tf.sub(1, p))))));
    },
  },
  {
    name: 'sigmoidCrossEntropy on logits x2x5x7x1, 0/1 target',
    inputs: { x: [2, 5, 7, 1], t: [2, 5, 7, 1] },
    binary: ['t'],
    op: ({ x, t }) => tf.losses.sigmoidCrossEntropy(t!, x!),
  },
]);

/** Forward value and gradients of one {@link ParityCase} on one backend. */
export interface ParityResult {
  readonly shape: readonly number[];
  readonly output: Float32Array;
  /** Gradient of `Σ op(inputs) · r` (a seeded `r`) with respect to each differentiated input. */
  readonly gradients: Readonly<Record<string, Float32Array>>;
}

/**
 * Runs `parityCase` on the current backend: seeded inputs, forward value, and the gradients of
 * `Σ op · r` for a seeded `r` (so every output element weighs in differently). Leak-free.
 *
 * @example
 * await tf.setBackend('wasm');
 * const got = runParityCase(parityCases[0]);
 */
export function runParityCase(parityCase: ParityCase, seed = 1): ParityResult {
  return tf.tidy(() => {
    const names = Object.keys(parityCase.inputs);
    const values: Record<string, tf.Tensor> = {};
    names.forEach((name, k) => {
      const shape = [...parityCase.inputs[name]!];
      const size = shape.reduce((a, b) => a * b, 1);
      if (parityCase.binary?.includes(name)) {
        const rand = mulberry32(seed * 7919 + k);
        values[name] = tf.tensor(
          Float32Array.from({ length: size }, () => (rand() < 0.5 ? 0 : 1)),
          shape,
        );
      } else {
        values[name] = tf.tensor(seededNormal(size, seed * 7919 + k), shape);
      }
    });
    const varying = names.filter((name) => !parityCase.binary?.includes(name));
    const output = parityCase.op(values);
    const r = tf.tensor(seededNormal(Math.max(1, output.size), seed * 7919 + 999), output.shape);
    const grads = tf.grads((...xs: tf.Tensor[]) => {
      const inputs = { ...values };
      varying.forEach((name, k) => (inputs[name] = xs[k]!));
      return tf.sum(tf.mul(parityCase.op(inputs), r));
    })(varying.map((name) => values[name]!));
    const gradients: Record<string, Float32Array> = {};
    varying.forEach((name, k) => (gradients[name] = grads[k]!.dataSync() as Float32Array));
    return { shape: output.shape, output: output.dataSync() as Float32Array, gradients };
  });
}

/**
 * Relative differences between two {@link ParityResult}s of the same case, each
 * `max |got − reference| / max |reference|` (absolute when the reference is all zeros), and their
 * maximum. Shapes must agree (a mismatch counts as `Infinity`).
 */
export function parityError(
  got: ParityResult,
  reference: ParityResult,
): { output: number; gradients: Record<string, number>; max: number } {
  const rel = (a: Float32Array, b: Float32Array) => {
    if (a.length !== b.length) return Infinity;
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < b.length; i++) {
      diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
      scale = Math.max(scale, Math.abs(b[i]!));
    }
    return Number.isNaN(diff) ? Infinity : scale > 0 ? diff / scale : diff;
  };
  const output = got.shape.join() === reference.shape.join() ? rel(got.output, reference.output) : Infinity;
  const gradients: Record<string, number> = {};
  for (const name of Object.keys(reference.gradients)) {
    gradients[name] = got.gradients[name] ? rel(got.gradients[name], reference.gradients[name]!) : Infinity;
  }
  return { output, gradients, max: Math.max(output, ...Object.values(gradients)) };
}
