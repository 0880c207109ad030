// Where one training step of the FCN `small` preset goes, kernel by kernel, on one backend.
// Run after `pnpm build`: node benchmarks/step-profile.mjs [wasm|qfcn-native|cpu] [size=128]
// The step of fcn-step.mjs (as native.bench.mjs; same net and loss as fcn_torch.py). Prints a table.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import { fcnStepRunner, profileKernels } from './fcn-step.mjs';

const backendName = process.argv[2] ?? 'wasm';
const size = Number(process.argv[3] ?? 128);
tf.env().set('PROD', true);
const info = await initBackend(backendName, {
  log: false,
  importModule: (s) => import(s),
  ...(process.env.QFCN_WASM_THREADS ? { wasmThreads: Number(process.env.QFCN_WASM_THREADS) } : {}),
});
console.log(`backend ${info.name}: ${info.reason}`);

const { step } = fcnStepRunner(size);
for (let i = 0; i < 3; i++) step();
const plain = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  step();
  plain.push(performance.now() - t);
}
const { totalMs: total, kernelMs, calls, kernels: rows } = profileKernels(step);
console.log(
  `step ${plain.map((t) => t.toFixed(0)).join('/')} ms plain; ${total.toFixed(0)} ms wrapped, ${kernelMs.toFixed(0)} ms in ${calls} kernel calls`,
);
console.log('| kernel | ms | calls | µs/call |\n|---|---|---|---|');
for (const r of rows.slice(0, 30))
  console.log(`| ${r.name} | ${r.ms.toFixed(1)} | ${r.calls} | ${((r.ms / r.calls) * 1000).toFixed(0)} |`);
