// Where one training step of the FCN `small` preset goes, kernel by kernel, on one backend.
// Run after `pnpm build`: node benchmarks/step-profile.mjs [wasm|qfcn-native|cpu] [size=128]
// The step of fcn-step.mjs (as native.bench.mjs; same net and loss as fcn_torch.py). Prints a table.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import { fcnStepRunner } from './fcn-step.mjs';

const backendName = process.argv[2] ?? 'wasm';
const size = Number(process.argv[3] ?? 128);
tf.env().set('PROD', true);
const info = await initBackend(backendName, { log: false, importModule: (s) => import(s), ...(process.env.QFCN_WASM_THREADS ? { wasmThreads: Number(process.env.QFCN_WASM_THREADS) } : {}) });
console.log(`backend ${info.name}: ${info.reason}`);

const { step } = fcnStepRunner(size);
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
