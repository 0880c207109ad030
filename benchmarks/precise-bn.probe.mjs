// Probe: do the batch-norm statistics that training leaves behind cost accuracy? (issue 13)
//
// trainFcn keeps each batch-norm layer's moving mean/variance as tfjs does: an exponential average
// with momentum 0.9 of the last ~10 batches of 4 crops — a noisy estimate, taken while the weights
// still move. This probe takes the fold models that benchmarks/monuseg-cv.bench.mjs trained and
// re-estimates those statistics with the weights fixed ("precise BN": the plain average of the batch
// statistics of K batches, Wu & Johnson 2021), in two ways:
//   aug128   K = 200 batches of 4 × 128² crops of the run's training tiles, augmented as in training
//   plain256 K = 50 batches of 4 × 256² crops (the inference tile size), not augmented
// For the model as trained and for each re-estimate it tunes the post-processing on the run's
// VALIDATION tiles (those `qfcn train` held out: splitValidation, 15%, the run's seed) with
// `tuneInstances` — which decides — and scores the fold's held-out tiles with the chosen settings
// (reported, never used to choose). Test-time flips as the model was saved.
//
// Run after `pnpm build` and the cross-validation:
//   QFCN_PBN_ROW=qnt5 QFCN_PBN_SEED=1 node benchmarks/precise-bn.probe.mjs   (QFCN_PBN_FOLDS=0,1,2,3)
// Writes benchmarks/results/precise-bn-<row>-seed<seed>-folds<folds>.json.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend/node';
import { augment, HE_AUGMENTATION } from '@qfcn/data';
import { readImage, readLabelMap } from '@qfcn/data/node';
import { FcnEnsemble, splitValidation, toInstances, tuneInstances, useFusedBatchNorm } from '@qfcn/fcn';
import { evaluate, instanceErrors, pixelDice } from '@qfcn/metrics';
import { cvRun, monusegTileIds, sumInstanceErrors } from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const row = process.env.QFCN_PBN_ROW ?? 'float';
const seed = Number(process.env.QFCN_PBN_SEED ?? '1');
const folds = (process.env.QFCN_PBN_FOLDS ?? '0,1,2,3').split(',').map(Number);
const store = join(here, 'results', 'monuseg-cv');
if (!existsSync(data)) {
  console.log(`precise-bn: skipped (no MoNuSeg tiles at ${data})`);
  process.exit(0);
}
await initBackend('auto', { importModule: (s) => import(s) });
const ids = monusegTileIds(data);
const VARIANTS = [
  { name: 'asTrained' },
  { name: 'aug128', batches: 200, crop: 128, augment: HE_AUGMENTATION },
  { name: 'plain256', batches: 50, crop: 256, augment: { flip: false, rotate90: false, colorJitter: false } },
];

const bnLayers = (model) => model.layers.filter((l) => l.getClassName() === 'BatchNormalization');

/** Replaces the moving statistics of every batch-norm layer by the average over `batches` batches. */
function preciseBatchNorm(model, samples, variant) {
  useFusedBatchNorm(model);
  const layers = bnLayers(model);
  const momentum = layers.map((l) => l.momentum);
  let k = 0;
  for (let b = 1; b <= variant.batches; b++) {
    // moving ← moving − (moving − batch)/b: the running mean of the batch statistics
    for (const l of layers) l.momentum = 1 - 1 / b;
    const crops = [];
    for (let c = 0; c < 4; c++, k++) {
      const sample = samples[k % samples.length];
      crops.push(augment(sample, 1000 * seed + k, { ...variant.augment, crop: variant.crop }).image);
    }
    const px = variant.crop * variant.crop * 3;
    const x = new Float32Array(4 * px);
    crops.forEach((im, i) => x.set(im.data, i * px));
    tf.tidy(() => {
      model.apply(tf.tensor4d(x, [4, variant.crop, variant.crop, 3]), { training: true });
    });
  }
  layers.forEach((l, i) => {
    l.momentum = momentum[i];
  });
}

const results = [];
for (const fold of folds) {
  const { modelDir, test, validation, fitted } = cvRun(ids, store, row, seed, fold, splitValidation);
  if (!existsSync(modelDir)) {
    console.log(`fold ${fold}: no model at ${modelDir}; skipped`);
    continue;
  }
  const samples = fitted.map((id) => ({
    id,
    image: readImage(join(data, `${id}.png`)),
    label: readLabelMap(join(data, `${id}_label.png`)),
  }));
  const perFold = { fold, validation, test, variants: {} };
  for (const variant of VARIANTS) {
    const ensemble = await FcnEnsemble.load(modelDir, {});
    const t0 = performance.now();
    if (variant.batches) preciseBatchNorm(ensemble.members[0].model, samples, variant);
    const estimateSeconds = (performance.now() - t0) / 1000;
    const mapsOf = async (id) => ({
      output: await ensemble.predict(readImage(join(data, `${id}.png`))),
      groundTruth: readLabelMap(join(data, `${id}_label.png`)),
    });
    const tuning = [];
    for (const id of validation) tuning.push(await mapsOf(id));
    const tuned = tuneInstances(tuning);
    const scored = [];
    let pd = 0;
    for (const id of test) {
      const m = await mapsOf(id);
      const segmentation = toInstances(m.output, tuned.options);
      pd += pixelDice(segmentation, m.groundTruth) / test.length;
      scored.push({ id, segmentation, groundTruth: m.groundTruth });
    }
    const mean = evaluate(scored, { metrics: 'all' }).perImageMean;
    perFold.variants[variant.name] = {
      validationAji: tuned.aji,
      options: tuned.options,
      heldOut: { aji: mean.aji, pq: mean.pq, f1: mean.f1, objectDice: mean.objectDice, pixelDice: pd },
      errors: sumInstanceErrors(scored.map((p) => instanceErrors(p.segmentation, p.groundTruth))),
      estimateSeconds,
    };
    ensemble.dispose();
    console.log(
      `fold ${fold} ${variant.name}: validation AJI ${tuned.aji.toFixed(3)}, held-out AJI ${mean.aji.toFixed(3)} PQ ${mean.pq.toFixed(3)} (estimate ${estimateSeconds.toFixed(0)} s)`,
    );
  }
  results.push(perFold);
}
for (const v of VARIANTS) {
  const vals = results.map((r) => r.variants[v.name]);
  const m = (f) => vals.reduce((s, x) => s + f(x), 0) / vals.length;
  console.log(
    `${v.name}: mean validation AJI ${m((x) => x.validationAji).toFixed(3)}, held-out AJI ${m((x) => x.heldOut.aji).toFixed(3)} PQ ${m((x) => x.heldOut.pq).toFixed(3)}`,
  );
}
const out = join(here, 'results', `precise-bn-${row}-seed${seed}-folds${folds.join('')}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ row, seed, folds, results }, null, 1)}\n`);
