// Benchmark of @qfcn/backend against PyTorch 1.13 on CPU (2 threads), in one script run:
//   1. conv2d 3x3 'same' forward, and forward + backward (dX and dW), at the shapes of issue 4,
//      on tfjs cpu, tfjs wasm with qfcn's kernels, qfcn-native when installed, and PyTorch;
//   2. one Adam training step of the probe net and of the FCN `small` preset (TRAINING_STEPS).
// Prints a markdown table and writes benchmarks/results/backend.json as { markdown, ...numbers }.
// Run: pnpm build && pnpm bench backend   (or: node benchmarks/backend.bench.mjs)
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import { createProbeNet, seededNormal } from '@qfcn/backend/test';
import { bestMs as bestOf, CONV_SHAPES, convFlops, convRunners, gflops, runTorchPolicies } from './common.mjs';
import { fcnStepRunner, fcnTorchArgs } from './fcn-step.mjs';

const here = dirname(fileURLToPath(import.meta.url));
tf.env().set('PROD', true);

const REPS = 5; // best of REPS timed runs after one warm-up
const bestMs = (fn, reps = REPS) => bestOf(fn, reps);
const CPU_LIMIT_S = 60; // tfjs cpu work estimated to take longer than this is skipped

async function benchConv(backend, shape) {
  const run = convRunners(shape);
  const flops = convFlops(shape);
  const row = { backend, shape, forwardMs: null, forwardBackwardMs: null, note: '' };
  try {
    if (backend === 'cpu') {
      // cpu's kernels are slow: one timed run each, and skip what would take over CPU_LIMIT_S.
      const estFwd = flops / 0.3e9; // conservative 0.3 GFLOP/s
      if (estFwd > CPU_LIMIT_S) {
        row.note = `skipped: forward est. ${estFwd.toFixed(0)} s > ${CPU_LIMIT_S} s`;
        return row;
      }
      row.forwardMs = await bestMs(run.forward, 1);
      const filterS = await run.estimateFilterGradS();
      const estTotal = filterS + (3 * row.forwardMs) / 1000;
      if (estTotal > CPU_LIMIT_S) {
        row.note = `fwd+bwd skipped: Conv2DBackpropFilter alone est. ${filterS.toFixed(0)} s > ${CPU_LIMIT_S} s`;
      } else {
        const start = performance.now();
        run.forwardBackward();
        row.forwardBackwardMs = performance.now() - start;
        row.note = 'single run';
      }
    } else {
      row.forwardMs = await bestMs(run.forward);
      row.forwardBackwardMs = await bestMs(run.forwardBackward);
    }
  } finally {
    run.dispose();
  }
  row.forwardGflops = row.forwardMs ? gflops(flops, row.forwardMs) : null;
  row.forwardBackwardGflops = row.forwardBackwardMs ? gflops(3 * flops, row.forwardBackwardMs) : null;
  return row;
}

/** One Adam step of createProbeNet (@qfcn/backend/test) on a seeded batch; returns best ms. */
async function probeStepMs({ batch, width }) {
  const [n, h, w, c] = batch;
  const net = createProbeNet({ seed: 1, width, inputChannels: c });
  const x = tf.tensor4d(seededNormal(n * h * w * c, 1), [n, h, w, c]);
  const t = tf.tensor4d(
    Float32Array.from(seededNormal(n * h * w * 2, 2), (v) => (v > 0 ? 1 : 0)),
    [n, h, w, 2],
  );
  const adam = tf.train.adam(5e-4);
  try {
    return await bestMs(() => net.trainStep(adam, x, t));
  } finally {
    net.dispose();
    adam.dispose();
    tf.dispose([x, t]);
  }
}

/**
 * Training-step comparisons, tfjs vs PyTorch. Each entry: a name, `tfjs(backend)` returning the best
 * step time in ms, and `torch`, the job for backend_torch.py (which must know the model). To compare
 * the real FCN (e.g. its `small` preset), add an entry here and the matching model to
 * backend_torch.py (see its `probe` job).
 */
const TRAINING_STEPS = [
  {
    name: 'probe FCN (createProbeNet, width 32), batch 4×128×128×3',
    tfjs: () => probeStepMs({ batch: [4, 128, 128, 3], width: 32 }),
    torch: { key: 'probe', job: { shape: [4, 128, 128, 3], width: 32 } },
    skipCpu: 'cpu filter gradients alone take minutes',
  },
  {
    name: 'FCN `small` preset as trainFcn runs it (fused batch norm and Adam), batch 4×128×128×3',
    tfjs: async () => {
      const { step, dispose } = fcnStepRunner(128);
      try {
        step(); // warm-up beyond bestMs' own
        return await bestMs(step);
      } finally {
        dispose();
      }
    },
    torchMs: () => fcnTorchMs(128),
    skipCpu: 'cpu filter gradients alone take minutes',
  },
];

/** Median step of benchmarks/fcn_torch.py (the same `small` net in PyTorch), the faster of both OpenMP policies. */
function fcnTorchMs(size) {
  return Math.min(...runTorchPolicies(fcnTorchArgs(here, size, 5)).map((r) => r.stepSecondsMedian * 1000));
}

/** Runs backend_torch.py on `job` ({ conv: [{ shape }], probe }) and returns its JSON. */
function runTorch(job) {
  job = { reps: REPS, conv: [], probe: null, ...job };
  const run = spawnSync('/usr/bin/python3', [join(here, 'backend_torch.py'), JSON.stringify(job)], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`backend_torch.py failed (exit ${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

const fmtMs = (ms) => (ms == null ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const fmtG = (g) => (g == null ? '' : ` (${g.toFixed(1)})`);
const fmtRatio = (a, b) => (a == null || b == null ? '—' : `${(a / b).toFixed(2)}×`);

async function main() {
  const load = loadavg()[0];
  console.log(
    `backend bench: ${cpus().length} cores, load average ${load.toFixed(2)} (timings on a busy machine are noisy)`,
  );
  // PyTorch runs per shape, right after tfjs on that shape: on a shared machine the load drifts, and
  // measuring both sides close together keeps the ratios fairer.
  const torch = { torch: '', threads: 0, conv: [], probe: null };

  const backends = [];
  for (const name of ['wasm', 'qfcn-native', 'cpu']) {
    try {
      const info = await initBackend(name, { log: false, importModule: (specifier) => import(specifier) });
      backends.push({ name, info });
    } catch (error) {
      backends.push({ name, missing: error.message });
      console.log(`${name}: ${error.message}`);
    }
  }

  const conv = [];
  for (const shape of CONV_SHAPES) {
    for (const b of backends.filter((b) => !b.missing)) {
      await tf.setBackend(b.name);
      const row = await benchConv(b.name, shape);
      conv.push(row);
      console.log(
        `${b.name} ${shape.join('x')}: fwd ${fmtMs(row.forwardMs)}, fwd+bwd ${fmtMs(row.forwardBackwardMs)} ${row.note}`,
      );
      if (b.name !== 'cpu' && !torch.conv.some((c) => c.shape.join() === shape.join())) {
        const t = runTorch({ conv: [{ shape }] });
        Object.assign(torch, { torch: t.torch, threads: t.threads });
        torch.conv.push(...t.conv);
        console.log(
          `PyTorch ${shape.join('x')}: fwd ${fmtMs(t.conv[0].forward_ms)}, fwd+bwd ${fmtMs(t.conv[0].forward_backward_ms)}`,
        );
      }
    }
  }

  const steps = [];
  for (const step of TRAINING_STEPS) {
    let torchMs = null;
    for (const b of backends.filter((b) => !b.missing)) {
      if (b.name === 'cpu' && step.skipCpu) {
        steps.push({ name: step.name, backend: b.name, ms: null, torchMs: null, note: `skipped: ${step.skipCpu}` });
        continue;
      }
      await tf.setBackend(b.name);
      const ms = await step.tfjs(b.name);
      if (torchMs == null)
        torchMs = step.torchMs
          ? step.torchMs()
          : runTorch({ [step.torch.key]: step.torch.job })[step.torch.key].step_ms;
      steps.push({ name: step.name, backend: b.name, ms, torchMs, note: '' });
      console.log(`${step.name} on ${b.name}: ${fmtMs(ms)} (PyTorch ${fmtMs(torchMs)})`);
    }
  }

  // Markdown.
  const present = backends.filter((b) => !b.missing).map((b) => b.name);
  let md = `conv2d 3×3 'same', float32, NHWC (tfjs) / NCHW (PyTorch). Time, best of ${REPS} (tfjs cpu: 1 run), and GFLOP/s in brackets; `;
  md += `forward+backward = forward + dX + dW (3× the forward FLOPs). Ratio = tfjs time / PyTorch time (lower is better). `;
  md += `PyTorch ${torch.torch}, ${torch.threads} threads, timed right after tfjs on each shape; tfjs wasm ${backends.find((b) => b.name === 'wasm')?.info?.threads ?? '?'} thread(s) (XNNPACK SIMD + qfcn kernels). `;
  md += `Load average at start: ${load.toFixed(2)} on ${cpus().length} cores.\n\n`;
  md += `| shape N×H×W×Cin→Cout | pass | ${present.map((p) => `tfjs ${p}`).join(' | ')} | PyTorch | ${present
    .filter((p) => p !== 'cpu')
    .map((p) => `${p} / PyTorch`)
    .join(' | ')} |\n`;
  md += `|---|---|${present.map(() => '---|').join('')}---|${present
    .filter((p) => p !== 'cpu')
    .map(() => '---|')
    .join('')}\n`;
  const notes = [];
  for (const shape of CONV_SHAPES) {
    const t = torch.conv.find((c) => c.shape.join() === shape.join());
    const flops = convFlops(shape);
    for (const pass of ['forward', 'forward+backward']) {
      const key = pass === 'forward' ? 'forwardMs' : 'forwardBackwardMs';
      const torchMs = pass === 'forward' ? t.forward_ms : t.forward_backward_ms;
      const mult = pass === 'forward' ? 1 : 3;
      const cells = present.map((p) => {
        const row = conv.find((r) => r.backend === p && r.shape === shape);
        if (row.note && row[key] == null) notes.push(`tfjs ${p} ${shape.slice(0, 5).join('×')}: ${row.note}`);
        return row[key] == null ? 'skipped' : `${fmtMs(row[key])}${fmtG(gflops(mult * flops, row[key]))}`;
      });
      const ratios = present
        .filter((p) => p !== 'cpu')
        .map((p) => fmtRatio(conv.find((r) => r.backend === p && r.shape === shape)[key], torchMs));
      md += `| ${shape[0]}×${shape[1]}×${shape[2]}×${shape[3]}→${shape[4]} | ${pass} | ${cells.join(' | ')} | ${fmtMs(torchMs)}${fmtG(gflops(mult * flops, torchMs))} | ${ratios.join(' | ')} |\n`;
    }
  }
  md += `\nOne Adam training step (forward, BCE, backward, update):\n\n| model | ${present.map((p) => `tfjs ${p}`).join(' | ')} | PyTorch | ${present
    .filter((p) => p !== 'cpu')
    .map((p) => `${p} / PyTorch`)
    .join(' | ')} |\n`;
  md += `|---|${present.map(() => '---|').join('')}---|${present
    .filter((p) => p !== 'cpu')
    .map(() => '---|')
    .join('')}\n`;
  for (const step of TRAINING_STEPS) {
    const rows = steps.filter((s) => s.name === step.name);
    const torchMs = rows.find((r) => r.torchMs != null)?.torchMs ?? null;
    const cells = present.map((p) => {
      const r = rows.find((s) => s.backend === p);
      return r?.ms == null ? 'skipped' : fmtMs(r.ms);
    });
    const ratios = present
      .filter((p) => p !== 'cpu')
      .map((p) => fmtRatio(rows.find((s) => s.backend === p)?.ms, torchMs));
    md += `| ${step.name} | ${cells.join(' | ')} | ${fmtMs(torchMs)} | ${ratios.join(' | ')} |\n`;
  }
  const missing = backends.filter((b) => b.missing);
  if (notes.length || missing.length) {
    md += `\n${[...new Set(notes)].map((n) => `- ${n}`).join('\n')}${notes.length ? '\n' : ''}`;
    md += missing.map((b) => `- tfjs ${b.name}: not measured (${b.missing})`).join('\n');
    md += '\n';
  }
  console.log(`\n${md}`);

  mkdirSync(join(here, 'results'), { recursive: true });
  const out = join(here, 'results', 'backend.json');
  const result = {
    markdown: md,
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    loadAverage: load,
    torch: { version: torch.torch, threads: torch.threads },
    backends: backends.map((b) => (b.missing ? { name: b.name, missing: b.missing } : { name: b.name, ...b.info })),
    conv: conv.map((r) => ({
      ...r,
      torchForwardMs: torch.conv.find((c) => c.shape.join() === r.shape.join()).forward_ms,
      torchForwardBackwardMs: torch.conv.find((c) => c.shape.join() === r.shape.join()).forward_backward_ms,
    })),
    trainingSteps: steps,
  };
  writeFileSync(`${out}.tmp`, JSON.stringify(result, null, 2));
  renameSync(`${out}.tmp`, out);
  console.log(`wrote ${out}`);
}

await main();
