// Shared by native.bench.mjs and step-profile.mjs: one training step of the FCN `small` preset as
// trainFcn (@qfcn/fcn) runs it (fused batch norm, its Adam), on seeded data; same net and loss as
// fcn_torch.py (BCE on both heads).
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { Adam, createFcn, useFusedBatchNorm } from '@qfcn/fcn';
import { seeded } from './common.mjs';

/** Arguments of benchmarks/fcn_torch.py for the same step in PyTorch: `small` net, batch 4 × size², 2 threads. */
export function fcnTorchArgs(here, size, steps) {
  return [
    join(here, 'fcn_torch.py'),
    '--width',
    '0.25',
    '--stages',
    '6',
    '--decoder',
    '16',
    '--batch',
    '4',
    '--size',
    String(size),
    '--steps',
    String(steps),
    '--threads',
    '2',
  ];
}

/** `{ step, dispose }`: `step()` runs one step on batch 4 × size² and returns the loss. */
export function fcnStepRunner(size) {
  const model = createFcn({ preset: 'small', seed: 1 });
  const trainModel = tf.model({
    inputs: model.inputs,
    outputs: [model.getLayer('object_logits').output, model.getLayer('contour_logits').output],
  });
  const n = 4;
  const x = tf.tensor4d(
    Float32Array.from(seeded(n * size * size * 3, 4), (v) => (v + 1) * 127.5),
    [n, size, size, 3],
  );
  const yo = tf.tensor4d(
    Float32Array.from(seeded(n * size * size, 5), (v) => (v > 0 ? 1 : 0)),
    [n, size, size, 1],
  );
  const yc = tf.tensor4d(
    Float32Array.from(seeded(n * size * size, 6), (v) => (v > 0.8 ? 1 : 0)),
    [n, size, size, 1],
  );
  const weights = trainModel.trainableWeights.map((w) => w.read());
  const adam = new Adam(weights, { learningRate: 5e-4 });
  useFusedBatchNorm(trainModel);
  const step = () =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const [zo, zc] = trainModel.apply(x, { training: true });
        return tf.add(tf.losses.sigmoidCrossEntropy(yo, zo), tf.losses.sigmoidCrossEntropy(yc, zc));
      }, weights);
      adam.apply(weights.map((w) => grads[w.name]));
      return value.dataSync()[0];
    });
  const dispose = () => {
    tf.dispose([x, yo, yc]);
    adam.dispose();
    model.dispose();
  };
  return { step, dispose };
}

/**
 * Kernel times of one call of `fn` on the current backend: every registered kernel is wrapped with
 * a timer for that call, then restored. Nested kernels (a qfcn kernel calling wasm's own) are
 * counted in both. Returns `{ totalMs, kernelMs, calls, kernels: [{ name, ms, calls }] }`, slowest first.
 */
export function profileKernels(fn) {
  const backendName = tf.getBackend();
  const times = new Map();
  const originals = tf.getKernelsForBackend(backendName);
  for (const k of originals) {
    tf.unregisterKernel(k.kernelName, backendName);
    tf.registerKernel({
      ...k,
      kernelFunc: (args) => {
        const start = performance.now();
        const out = k.kernelFunc(args);
        const e = times.get(k.kernelName) ?? { ms: 0, calls: 0 };
        e.ms += performance.now() - start;
        e.calls++;
        times.set(k.kernelName, e);
        return out;
      },
    });
  }
  let totalMs;
  try {
    const start = performance.now();
    fn();
    totalMs = performance.now() - start;
  } finally {
    for (const k of originals) {
      tf.unregisterKernel(k.kernelName, backendName);
      tf.registerKernel(k);
    }
  }
  const kernels = [...times].map(([name, e]) => ({ name, ...e })).sort((a, b) => b.ms - a.ms);
  return {
    totalMs,
    kernelMs: kernels.reduce((s, k) => s + k.ms, 0),
    calls: kernels.reduce((s, k) => s + k.calls, 0),
    kernels,
  };
}
