// Shared by the benchmarks: timing, the conv2d workload of issues 4 and 8, and running a PyTorch
// peer under both OpenMP wait policies.
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { mulberry32, seededNormal } from '@qfcn/backend/test';

/** `n` seeded float32 values, uniform in [-scale, scale) (mulberry32). */
export function seeded(n, seed, scale = 1) {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: n }, () => (rand() * 2 - 1) * scale);
}

/** Best time in ms of `reps` runs of `fn` (sync or async), after one warm-up run (primitive creation, JIT). */
export async function bestMs(fn, reps) {
  await fn();
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** [batch, height, width, in channels, out channels, kernel]: the conv2d shapes of issues 4 and 8. */
export const CONV_SHAPES = [
  [4, 128, 128, 32, 32, 3],
  [4, 64, 64, 64, 64, 3],
  [4, 32, 32, 128, 128, 3],
  [1, 256, 256, 3, 32, 3],
];

/** FLOPs of a forward conv2d of `[batch, height, width, in channels, out channels, kernel]`, 'same'. */
export const convFlops = ([n, h, w, ci, co, k]) => 2 * n * h * w * ci * co * k * k;
export const gflops = (flops, ms) => flops / ms / 1e6;

/**
 * A conv2d 'same' of `shape` on the current backend: `forward()`; `forwardBackward()` = forward + dX
 * (Conv2DBackpropInput) + dW (Conv2DBackpropFilter), as PyTorch's backward; `estimateFilterGradS()`,
 * the seconds the filter gradient would take, timed on one image and a few lines and scaled by FLOPs
 * (for backends too slow to run it); `dispose()`.
 */
export function convRunners(shape) {
  const [n, h, w, ci, co, k] = shape;
  const x = tf.tensor4d(seededNormal(n * h * w * ci, 1), [n, h, w, ci]);
  const f = tf.tensor4d(seededNormal(k * k * ci * co, 2, 0.1), [k, k, ci, co]);
  const dy = tf.tensor4d(seededNormal(n * h * w * co, 3), [n, h, w, co]);
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', dimRoundingMode: undefined };
  const forward = () => {
    const y = tf.conv2d(x, f, 1, 'same');
    y.dataSync();
    y.dispose();
  };
  const filterGrad = (xs = x, dys = dy) =>
    tf.engine().runKernel('Conv2DBackpropFilter', { x: xs, dy: dys }, { ...attrs, filterShape: [k, k, ci, co] });
  const forwardBackward = () => {
    const y = tf.conv2d(x, f, 1, 'same');
    const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: f }, { ...attrs, inputShape: [n, h, w, ci] });
    const dw = filterGrad();
    dx.dataSync();
    dw.dataSync();
    tf.dispose([y, dx, dw]);
  };
  const estimateFilterGradS = async (rows = 8) => {
    const xs = tf.slice(x, [0, 0, 0, 0], [1, Math.min(rows, h), w, ci]);
    const dys = tf.slice(dy, [0, 0, 0, 0], [1, Math.min(rows, h), w, co]);
    const start = performance.now();
    const dw = filterGrad(xs, dys);
    dw.dataSync();
    const ms = performance.now() - start;
    tf.dispose([xs, dys, dw]);
    return (ms / 1000) * ((n * h) / Math.min(rows, h));
  };
  const dispose = () => tf.dispose([x, f, dy]);
  return { forward, forwardBackward, estimateFilterGradS, dispose };
}

/**
 * Runs a Python peer script (`/usr/bin/python3 ...args`) twice — with `env` as given and with
 * OMP_WAIT_POLICY=passive (PyTorch's OpenMP threads spin while they wait by default, which is several
 * times slower on a busy machine) — and returns both JSON results (its last stdout line) with their
 * `policy`. Throws with the script's stderr when it fails.
 */
export function runTorchPolicies(args, { env = process.env, cwd } = {}) {
  return [
    ['as started', env],
    ['passive', { ...env, OMP_WAIT_POLICY: 'passive' }],
  ].map(([policy, runEnv]) => {
    const run = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', env: runEnv, cwd });
    if (run.status !== 0) throw new Error(`${args[0]} failed (exit ${run.status}): ${run.stderr}`);
    return { policy, ...JSON.parse(run.stdout.trim().split('\n').pop()) };
  });
}
