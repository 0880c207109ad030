// Benchmark of @qfcn/backend-native (tfjs backend `qfcn-native`, oneDNN) against PyTorch 1.13 on CPU,
// both with 2 threads, in one script run:
//   1. conv2d 3×3 'same' forward, and forward + dX + dW, at the shapes of issues 4 and 8;
//   2. one training step (forward, BCE on both heads, backward, Adam) of the FCN `small` preset
//      (@qfcn/fcn createFcn), batch 4 at 128² and 256², against benchmarks/fcn_torch.py;
//   3. where the native step's time goes (kernel times of one extra step at 128²).
// PyTorch's OpenMP threads spin while they wait by default, which collapses when the cores are
// shared (a busy machine makes it several times slower); qfcn-native sets OMP_WAIT_POLICY=passive
// for itself. So PyTorch runs twice — with the environment this script was started with, and with
// OMP_WAIT_POLICY=passive — and the FASTER of the two is reported for each measurement.
// Prints a markdown table and writes benchmarks/results/native.json as { markdown, ...numbers }.
// Run: pnpm build && pnpm bench native   (or: node benchmarks/native.bench.mjs)
// Env: QFCN_NATIVE_BENCH_SIZES=128,256 (FCN crop sizes), QFCN_NATIVE_BENCH_REPS=5.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { bestMs, CONV_SHAPES, convFlops, convRunners, gflops, runTorchPolicies } from './common.mjs';
import { fcnStepRunner, fcnTorchArgs, profileKernels } from './fcn-step.mjs';

// The environment PyTorch gets "as started", captured before the addon is loaded (loading it sets
// OMP_WAIT_POLICY=passive in this process).
const startEnv = { ...process.env };
const here = dirname(fileURLToPath(import.meta.url));
const { registerNativeBackend, NATIVE_BACKEND_NAME } = await import('@qfcn/backend-native').catch(
  () =>
    // benchmarks/package.json does not list the package yet: use its build directly.
    import(new URL('../packages/backend-native/dist/index.js', import.meta.url).href),
);
tf.env().set('PROD', true);

const REPS = Number(process.env.QFCN_NATIVE_BENCH_REPS ?? 5);
const FCN_SIZES = (process.env.QFCN_NATIVE_BENCH_SIZES ?? '128,256').split(',').map(Number);
const FCN_STEPS = 5; // median of 5 after 2 warm-up steps, as fcn_torch.py
const THREADS = 2;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtMs = (ms) => (ms == null ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const fmtRatio = (a, b) => (a == null || b == null ? '—' : `${(a / b).toFixed(2)}×`);

async function benchConv(shape) {
  const run = convRunners(shape);
  try {
    return {
      shape,
      forwardMs: await bestMs(run.forward, REPS),
      forwardBackwardMs: await bestMs(run.forwardBackward, REPS),
    };
  } finally {
    run.dispose();
  }
}

/** Both PyTorch runs of a peer script, with the environment this script started with. */
const runTorchBoth = (args) => runTorchPolicies(args, { env: startEnv, cwd: here });

function benchFcn(size) {
  const { step, dispose } = fcnStepRunner(size);
  step();
  step();
  const before = tf.memory().numTensors;
  const times = [];
  let loss = 0;
  for (let i = 0; i < FCN_STEPS; i++) {
    const start = performance.now();
    loss = step();
    times.push(performance.now() - start);
  }
  const leak = tf.memory().numTensors - before;
  dispose();
  return { size, stepMs: median(times), stepMsAll: times, lastLoss: loss, tensorsLeakedPerStep: leak / FCN_STEPS };
}

/** Kernel times of one step (after warm-up): the top `top` kernels by time. */
function profileFcn(size, top = 10) {
  const { step, dispose } = fcnStepRunner(size);
  step();
  step();
  const p = profileKernels(step);
  dispose();
  return { size, totalMs: p.totalMs, kernelMs: p.kernelMs, top: p.kernels.slice(0, top) };
}

async function main() {
  const load = loadavg()[0];
  const reg = await registerNativeBackend({ threads: THREADS });
  console.log(`native bench: ${cpus().length} cores, load average ${load.toFixed(2)}; ${reg.reason}`);
  const result = { cores: cpus().length, loadAverage: load, native: reg };
  let md = '';
  if (!reg.ok) {
    md = `qfcn-native not measured: ${reg.reason}\n`;
    console.log(md);
    write({ markdown: md, ...result });
    return;
  }
  await tf.setBackend(NATIVE_BACKEND_NAME);

  // 1. conv shapes
  const conv = [];
  for (const shape of CONV_SHAPES) {
    const row = await benchConv(shape);
    console.log(`qfcn-native ${shape.join('x')}: fwd ${fmtMs(row.forwardMs)}, fwd+bwd ${fmtMs(row.forwardBackwardMs)}`);
    conv.push(row);
  }
  // backend_torch.py: the same conv2d work for PyTorch, 2 threads (THREADS)
  const torchConv = runTorchBoth([
    join(here, 'backend_torch.py'),
    JSON.stringify({ conv: CONV_SHAPES.map((shape) => ({ shape })), reps: REPS }),
  ]);
  for (const row of conv) {
    const peers = torchConv.map((t) => ({
      policy: t.policy,
      ...t.conv.find((c) => c.shape.join() === row.shape.join()),
    }));
    const bestF = peers.reduce((a, b) => (b.forward_ms < a.forward_ms ? b : a));
    const bestFB = peers.reduce((a, b) => (b.forward_backward_ms < a.forward_backward_ms ? b : a));
    Object.assign(row, {
      torchForwardMs: bestF.forward_ms,
      torchForwardPolicy: bestF.policy,
      torchForwardBackwardMs: bestFB.forward_backward_ms,
      torchForwardBackwardPolicy: bestFB.policy,
      torchAll: peers,
      forwardGflops: gflops(convFlops(row.shape), row.forwardMs),
      forwardBackwardGflops: gflops(3 * convFlops(row.shape), row.forwardBackwardMs),
      torchForwardGflops: gflops(convFlops(row.shape), bestF.forward_ms),
      torchForwardBackwardGflops: gflops(3 * convFlops(row.shape), bestFB.forward_backward_ms),
    });
    row.forwardRatio = row.forwardMs / row.torchForwardMs;
    row.forwardBackwardRatio = row.forwardBackwardMs / row.torchForwardBackwardMs;
  }
  result.conv = conv;
  result.torch = { version: torchConv[0].torch, threads: torchConv[0].threads };

  // 2. FCN small training step
  const fcn = [];
  for (const size of FCN_SIZES) {
    const native = benchFcn(size);
    const peers = runTorchBoth(fcnTorchArgs(here, size, FCN_STEPS));
    const best = peers.reduce((a, b) => (b.stepSecondsMedian < a.stepSecondsMedian ? b : a));
    const row = {
      ...native,
      torchStepMs: best.stepSecondsMedian * 1000,
      torchPolicy: best.policy,
      torchAll: peers.map((p) => ({ policy: p.policy, stepMs: p.stepSecondsMedian * 1000 })),
      torchParameters: best.parameters,
    };
    row.ratio = row.stepMs / row.torchStepMs;
    fcn.push(row);
    console.log(
      `small FCN step 4×${size}²: qfcn-native ${fmtMs(row.stepMs)}, PyTorch ${fmtMs(row.torchStepMs)} (${best.policy}) → ${fmtRatio(row.stepMs, row.torchStepMs)}`,
    );
  }
  result.fcn = fcn;

  // 3. where the time goes
  const profile = profileFcn(FCN_SIZES[0]);
  result.profile = profile;

  // Markdown
  md += `qfcn-native (${reg.reason}) vs PyTorch ${result.torch.version} (${result.torch.threads} threads, \`torch.set_num_threads(2)\`), `;
  md += `${cpus().length} cores, load average ${load.toFixed(2)} at start. Ratio = qfcn-native time / PyTorch time (≤ 1 means at least as fast). `;
  md += `PyTorch runs with the starting environment and with OMP_WAIT_POLICY=passive; the faster is shown (its policy in brackets).\n\n`;
  md += `conv2d 3×3 'same', float32 (tfjs NHWC/HWIO, PyTorch NCHW), best of ${REPS}; GFLOP/s in brackets; forward+backward = forward + dX + dW (3× the forward FLOPs).\n\n`;
  md += `| N×H×W×Cin→Cout | pass | qfcn-native | PyTorch | ratio |\n|---|---|---|---|---|\n`;
  for (const r of conv) {
    const s = `${r.shape[0]}×${r.shape[1]}×${r.shape[2]}×${r.shape[3]}→${r.shape[4]}`;
    md += `| ${s} | forward | ${fmtMs(r.forwardMs)} (${r.forwardGflops.toFixed(1)}) | ${fmtMs(r.torchForwardMs)} (${r.torchForwardGflops.toFixed(1)}) [${r.torchForwardPolicy}] | ${fmtRatio(r.forwardMs, r.torchForwardMs)} |\n`;
    md += `| ${s} | forward+backward | ${fmtMs(r.forwardBackwardMs)} (${r.forwardBackwardGflops.toFixed(1)}) | ${fmtMs(r.torchForwardBackwardMs)} (${r.torchForwardBackwardGflops.toFixed(1)}) [${r.torchForwardBackwardPolicy}] | ${fmtRatio(r.forwardBackwardMs, r.torchForwardBackwardMs)} |\n`;
  }
  md += `\nOne training step of the FCN \`small\` preset (createFcn / fcn_torch.py: forward, BCE on both heads, backward, Adam), batch 4, median of ${FCN_STEPS} after 2 warm-up steps:\n\n`;
  md += `| crop | qfcn-native | PyTorch | ratio | PyTorch (as started / passive) |\n|---|---|---|---|---|\n`;
  for (const r of fcn) {
    md += `| ${r.size}² | ${fmtMs(r.stepMs)} | ${fmtMs(r.torchStepMs)} [${r.torchPolicy}] | **${fmtRatio(r.stepMs, r.torchStepMs)}** | ${r.torchAll.map((p) => fmtMs(p.stepMs)).join(' / ')} |\n`;
  }
  md += `\nWhere one qfcn-native step at ${profile.size}² goes (${fmtMs(profile.totalMs)} with timing wrappers; ${fmtMs(profile.kernelMs)} in kernels, the rest is tfjs bookkeeping and GC):\n\n`;
  md += `| kernel | time | calls |\n|---|---|---|\n`;
  for (const k of profile.top) md += `| ${k.name} | ${fmtMs(k.ms)} | ${k.calls} |\n`;
  console.log(`\n${md}`);
  write({ markdown: md, ...result });
}

function write(obj) {
  mkdirSync(join(here, 'results'), { recursive: true });
  const file = join(here, 'results', 'native.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(obj, null, 2));
  renameSync(`${file}.tmp`, file);
}

await main();
