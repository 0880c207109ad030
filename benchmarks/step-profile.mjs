// Where one training step of the FCN `small` preset goes, kernel by kernel, on one backend.
// Run after `pnpm build`: node benchmarks/step-profile.mjs [wasm|qfcn-native|cpu] [size=128]
// Same step as native.bench.mjs / fcn_torch.py (batch 4, BCE on both heads, Adam). Prints a table.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import { Adam, createFcn, useFusedBatchNorm } from '@qfcn/fcn';

const backendName = process.argv[2] ?? 'wasm';
const size = Number(process.argv[3] ?? 128);
tf.env().set('PROD', true);
const info = await initBackend(backendName, { log: false, importModule: (s) => import(s), ...(process.env.QFCN_WASM_THREADS ? { wasmThreads: Number(process.env.QFCN_WASM_THREADS) } : {}) });
console.log(`backend ${info.name}: ${info.reason}`);

function seeded(n, seed) {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}
const model = createFcn({ preset: 'small', seed: 1 });
const trainModel = tf.model({
  inputs: model.inputs,
  outputs: [model.getLayer('object_logits').output, model.getLayer('contour_logits').output],
});
const n = 4;
const x = tf.tensor4d(Float32Array.from(seeded(n * size * size * 3, 4), (v) => (v + 1) * 127.5), [n, size, size, 3]);
const yo = tf.tensor4d(Float32Array.from(seeded(n * size * size, 5), (v) => (v > 0 ? 1 : 0)), [n, size, size, 1]);
const yc = tf.tensor4d(Float32Array.from(seeded(n * size * size, 6), (v) => (v > 0.8 ? 1 : 0)), [n, size, size, 1]);
const adam = new Adam(trainModel.trainableWeights.map((w) => w.read()), { learningRate: 5e-4 }); // trainFcn's optimizer
const weights = trainModel.trainableWeights.map((w) => w.read());
useFusedBatchNorm(trainModel); // as trainFcn does
const step = () =>
  tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const [zo, zc] = trainModel.apply(x, { training: true });
      return tf.add(tf.losses.sigmoidCrossEntropy(yo, zo), tf.losses.sigmoidCrossEntropy(yc, zc));
    }, weights);
    adam.apply(weights.map((w) => grads[w.name]));
    return value.dataSync()[0];
  });
for (let i = 0; i < 3; i++) step();
const plain = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  step();
  plain.push(performance.now() - t);
}
const times = new Map();
const originals = tf.getKernelsForBackend(tf.getBackend());
for (const k of originals) {
  tf.unregisterKernel(k.kernelName, k.backendName);
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
const t0 = performance.now();
step();
const total = performance.now() - t0;
const rows = [...times].map(([name, e]) => ({ name, ...e })).sort((a, b) => b.ms - a.ms);
const kernelMs = rows.reduce((s, r) => s + r.ms, 0);
const calls = rows.reduce((s, r) => s + r.calls, 0);
console.log(`step ${plain.map((t) => t.toFixed(0)).join('/')} ms plain; ${total.toFixed(0)} ms wrapped, ${kernelMs.toFixed(0)} ms in ${calls} kernel calls`);
console.log('| kernel | ms | calls | µs/call |\n|---|---|---|---|');
for (const r of rows.slice(0, 30)) console.log(`| ${r.name} | ${r.ms.toFixed(1)} | ${r.calls} | ${((r.ms / r.calls) * 1000).toFixed(0)} |`);
