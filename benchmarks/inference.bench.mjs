// Inference speed of the `small` FCN on one 1000×1000 tile (issue 13): `predictImage` of @qfcn/fcn
// (tiles 256², overlap 64, batch 4 → 25 tiles, raised-cosine blending included) on qfcn-native and
// wasm, against the PyTorch 1.13 twin (benchmarks/fcn_torch.py --mode infer: the same 25 tiles in
// batches of 4, eval mode, no_grad; blending not included) in its default layout and in
// channels_last, each under both OpenMP wait policies (the faster counts). Same script run, 2 threads.
// Run after `pnpm build`: `node benchmarks/inference.bench.mjs`. Writes results/inference.json.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend';
import { createFcn, predictImage } from '@qfcn/fcn';
import { runTorchPolicies, seeded } from './common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const importModule = (s) => import(s);
const size = 1000;
const reps = Number(process.env.QFCN_INFER_REPS ?? 3);
const image = {
  width: size,
  height: size,
  channels: 3,
  data: Uint8Array.from(seeded(size * size * 3, 7), (v) => Math.round((v + 1) * 127.5)),
};

const ours = [];
for (const name of (process.env.QFCN_INFER_BACKENDS ?? 'qfcn-native,wasm').split(',')) {
  let info;
  try {
    info = await initBackend(name, { log: false, importModule });
  } catch (e) {
    ours.push({ backend: name, skipped: String(e.message ?? e) });
    continue;
  }
  const model = createFcn({ preset: 'small', seed: 1 });
  await predictImage(model, image, { tile: 256 }); // warm-up
  const times = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    await predictImage(model, image, { tile: 256 });
    times.push((performance.now() - t0) / 1000);
  }
  const tta0 = performance.now();
  await predictImage(model, image, { tile: 256, tta: true });
  const ttaSeconds = (performance.now() - tta0) / 1000;
  model.dispose();
  times.sort((a, b) => a - b);
  ours.push({
    backend: info.name,
    threads: info.threads,
    seconds: times[Math.floor(times.length / 2)],
    ttaSeconds,
    tensors: tf.memory().numTensors,
  });
}

const torch = [];
for (const layout of ['contiguous', 'channels_last']) {
  const args = [
    join(here, 'fcn_torch.py'),
    '--mode',
    'infer',
    '--layout',
    layout,
    '--width',
    '0.25',
    '--stages',
    '6',
    '--decoder',
    '16',
    '--batch',
    '4',
    '--size',
    '256',
    '--tiles',
    '25',
    '--steps',
    String(reps),
    '--warmup',
    '1',
    '--threads',
    '2',
  ];
  try {
    const runs = runTorchPolicies(args, { cwd: here });
    const best = runs.reduce((a, b) => (b.imageSecondsMedian < a.imageSecondsMedian ? b : a));
    torch.push({ layout, seconds: best.imageSecondsMedian, policy: best.policy });
  } catch (e) {
    torch.push({ layout, skipped: String(e.message ?? e).split('\n')[0] });
  }
}
const fastest = torch.filter((t) => t.seconds).reduce((a, b) => (a && a.seconds < b.seconds ? a : b), null);
let md = `One 1000×1000 tile, \`small\` FCN, tiles 256² (25 tiles, batch 4), 2 threads, median of ${reps}.\n\n| runtime | seconds | ratio to the faster PyTorch |\n|---|---|---|\n`;
for (const o of ours) {
  md += o.skipped
    ? `| qfcn ${o.backend} | skipped: ${o.skipped} | |\n`
    : `| qfcn ${o.backend} (${o.threads} threads) | ${o.seconds.toFixed(2)} (with flip TTA ${o.ttaSeconds.toFixed(2)}) | ${fastest ? `${(o.seconds / fastest.seconds).toFixed(2)}×` : '–'} |\n`;
}
for (const t of torch)
  md += t.skipped
    ? `| PyTorch ${t.layout} | skipped: ${t.skipped} | |\n`
    : `| PyTorch 1.13 ${t.layout} (${t.policy}) | ${t.seconds.toFixed(2)} | ${(t.seconds / fastest.seconds).toFixed(2)}× |\n`;
console.log(md);
mkdirSync(join(here, 'results'), { recursive: true });
const out = join(here, 'results', 'inference.json');
writeFileSync(`${out}.tmp`, JSON.stringify({ ours, torch, markdown: md }, null, 2));
renameSync(`${out}.tmp`, out);
