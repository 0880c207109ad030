// Which training recipe lets `qfcn reproduce`'s tiny FCNs converge within the main job's budget
// (issue 14)? Decided on FRESH synthetic validation images only — never on the run's test A/B.
//
// Each variant trains the tiny preset exactly as reproduce trains an all-data float FCN (400 steps
// of batch 4 x 96² crops, crops per image sized so an epoch is 25 steps, Adam 2e-3 with a 10% warm-up
// and cosine decay to a tenth over the float phase, then 4 epochs at a tenth), on N synthetic 128²
// glands, and scores pooled object Dice / F1 of toInstances' defaults on 24 other synthetic images
// (seeds 'probe-val:i', disjoint from every split reproduce writes). Variants: the pool size N (16 is
// what the default 20 training images leave after the validation split), the peak learning rate and the augmentation
// (trainFcn's default vs HE_AUGMENTATION). Seeds: QFCN_PROBE_SEEDS (default 1,2,3). Variants to run:
// QFCN_PROBE_VARIANTS (indices, default all).
//
// Run after `pnpm build`: `node benchmarks/reproduce-recipe.probe.mjs` (a few minutes on 2 cores).
// Writes benchmarks/results/reproduce-recipe.json.
import '@tensorflow/tfjs';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend';
import { generateSyntheticSample, HE_AUGMENTATION } from '@qfcn/data';
import { createFcn, predictImage, toInstances, trainFcn } from '@qfcn/fcn';
import { evaluate } from '@qfcn/metrics';

const here = dirname(fileURLToPath(import.meta.url));
const seeds = (process.env.QFCN_PROBE_SEEDS ?? '1,2,3').split(',').map(Number);
const backend = await initBackend('auto', { log: false, importModule: (s) => import(s) });
const grade = (i) => (i % 2 === 0 ? 'benign' : 'malignant');
const sample = (tag, i) =>
  generateSyntheticSample({ width: 128, height: 128, seed: `${tag}:${i}`, grade: grade(i), id: `${tag}_${i}` });
const validation = Array.from({ length: 24 }, (_, i) => sample('probe-val', i + 1));

/** reproduce's trainingPlan + memberTrainOptions(…, 'all') for n images (steps 400, INQ/last phase 100, batch 4). */
function reproduceOptions(n, learningRate = 2e-3) {
  const steps = 400;
  const last = 100;
  const batchSize = 4;
  const cropsPerImage = Math.max(1, Math.round(((last / 4) * batchSize) / n));
  const stepsPerEpoch = Math.ceil((n * cropsPerImage) / batchSize);
  const floatEpochs = Math.max(1, Math.round((steps - last) / stepsPerEpoch));
  const floatSteps = floatEpochs * stepsPerEpoch;
  return {
    crop: 96,
    batchSize,
    cropsPerImage,
    epochs: floatEpochs + 4,
    learningRate,
    schedule: {
      warmupSteps: Math.floor(floatSteps / 10),
      decay: 'cosine',
      minLearningRate: learningRate / 10,
      decaySteps: floatSteps,
    },
  };
}

const VARIANTS = [
  { name: 'pool 16, default augmentation', n: 16 },
  { name: 'pool 16, HE_AUGMENTATION', n: 16, augment: HE_AUGMENTATION },
  { name: 'pool 32, default augmentation', n: 32 },
  { name: 'pool 32, HE_AUGMENTATION', n: 32, augment: HE_AUGMENTATION },
  { name: 'pool 48, default augmentation', n: 48 },
  { name: 'pool 64, default augmentation', n: 64 },
  { name: 'pool 32, default augmentation, lr 4e-3', n: 32, learningRate: 4e-3 },
  { name: 'pool 48, default augmentation, lr 4e-3', n: 48, learningRate: 4e-3 },
];
const only = process.env.QFCN_PROBE_VARIANTS?.split(',').map(Number);
const rows = [];
for (const [v, variant] of VARIANTS.entries()) {
  if (only && !only.includes(v)) continue;
  const train = Array.from({ length: variant.n }, (_, i) => sample('probe-train', i + 1));
  for (const seed of seeds) {
    const model = createFcn({ preset: 'tiny', seed });
    const t0 = performance.now();
    const options = reproduceOptions(variant.n, variant.learningRate);
    const result = await trainFcn(model, train, {
      ...options,
      seed,
      ...(variant.augment ? { augment: variant.augment } : {}),
    });
    const seconds = (performance.now() - t0) / 1000;
    const pairs = [];
    for (const s of validation) {
      const out = await predictImage(model, s.image);
      pairs.push({ id: s.id, segmentation: toInstances(out), groundTruth: s.label });
    }
    model.dispose();
    const e = evaluate(pairs);
    const row = {
      variant: variant.name,
      seed,
      steps: result.steps,
      seconds,
      objectDice: e.pooled.objectDice,
      f1: e.pooled.f1,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
let markdown = `Backend ${backend.name}. Validation: 24 fresh synthetic 128² images (never test A/B).\n\n| variant | steps | s / FCN | object Dice (mean over seeds ${seeds.join(', ')}) | per seed | F1 |\n|---|---|---|---|---|---|\n`;
for (const name of [...new Set(rows.map((r) => r.variant))]) {
  const rs = rows.filter((r) => r.variant === name);
  markdown += `| ${name} | ${rs[0].steps} | ${mean(rs.map((r) => r.seconds)).toFixed(1)} | ${mean(rs.map((r) => r.objectDice)).toFixed(3)} | ${rs.map((r) => r.objectDice.toFixed(3)).join(' / ')} | ${mean(rs.map((r) => r.f1)).toFixed(3)} |\n`;
}
console.log(markdown);
const out = join(here, 'results', 'reproduce-recipe.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, JSON.stringify({ markdown, backend: backend.name, rows }, null, 2));
renameSync(`${out}.tmp`, out);
