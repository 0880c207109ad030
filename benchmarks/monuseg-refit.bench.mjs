// Re-fits the post-processing of models that benchmarks/monuseg-cv.bench.mjs trained, with this
// version's `tuneInstances`, on each fold's VALIDATION tiles — the ones `qfcn train` held out
// (splitValidation of @qfcn/fcn with the CLI's defaults: 15%, the run's seed) — and scores the fold's
// held-out tiles with the chosen settings. Use it when post-processing changes, to measure the change
// on the same trained models without retraining; the decision what to tune is taken on validation
// tiles only (held-out scores are reported, never used to choose).
//
// Run after `pnpm build` and the cross-validation (its models in benchmarks/results/monuseg-cv/):
//   node benchmarks/monuseg-refit.bench.mjs   (QFCN_REFIT_ROW=float|qnt7|…, QFCN_REFIT_SEED=1, QFCN_REFIT_FOLDS=0,1,2,3)
// The probability maps of every needed tile are cached in benchmarks/results/monuseg-refit/maps/
// (one model prediction per tile, as `qfcn predict` makes it: the model's own tiling and TTA).
// Writes benchmarks/results/monuseg-refit-<row>-seed<seed>.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend/node';
import { readImage, readLabelMap } from '@qfcn/data/node';
import { FcnEnsemble, splitValidation, toInstances, tuneInstances } from '@qfcn/fcn';
import { evaluate, pixelDice } from '@qfcn/metrics';
import { monusegFold, monusegTileIds } from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const row = process.env.QFCN_REFIT_ROW ?? 'float';
const seed = Number(process.env.QFCN_REFIT_SEED ?? 1);
const store = join(here, 'results', 'monuseg-cv');
const cache = join(here, 'results', 'monuseg-refit', 'maps');
if (!existsSync(data)) {
  console.log(`monuseg-refit: skipped (no MoNuSeg tiles at ${data})`);
  process.exit(0);
}
const ids = monusegTileIds(data);
await initBackend('auto', { importModule: (s) => import(s) });

/** The fold model's object and contour probabilities of tile `id` (cached). */
async function maps(fold, id, ensemble) {
  const file = join(cache, `${row}-seed${seed}-fold${fold}`, `${id}.bin`);
  const gt = readLabelMap(join(data, `${id}_label.png`));
  const n = gt.width * gt.height;
  if (!existsSync(file)) {
    const out = await (await ensemble()).predict(readImage(join(data, `${id}.png`)));
    const buf = new Float32Array(2 * n);
    buf.set(out.object.data, 0);
    buf.set(out.contour.data, n);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(buf.buffer));
  }
  const b = new Float32Array(readFileSync(file).buffer.slice(0));
  const map = (data) => ({ width: gt.width, height: gt.height, data });
  return { gt, output: { object: map(b.subarray(0, n)), contour: map(b.subarray(n)) } };
}

const rows = [];
const folds = (process.env.QFCN_REFIT_FOLDS ?? '0,1,2,3').split(',').map(Number);
for (const fold of folds) {
  const modelDir = join(store, `${row}-seed${seed}-fold${fold}`, 'model');
  if (!existsSync(modelDir)) {
    console.log(`fold ${fold}: no model at ${modelDir} (run monuseg-cv.bench.mjs first); skipped`);
    continue;
  }
  let loaded;
  const ensemble = async () => (loaded ??= await FcnEnsemble.load(modelDir, {}));
  const { train, test } = monusegFold(ids, fold);
  const { validation } = splitValidation(train, { fraction: 0.15, seed });
  const t = performance.now();
  const pairs = [];
  for (const id of validation) {
    const m = await maps(fold, id, ensemble);
    pairs.push({ output: m.output, groundTruth: m.gt });
  }
  const tuned = tuneInstances(pairs);
  const tuneSeconds = (performance.now() - t) / 1000;
  const scored = [];
  let pd = 0;
  for (const id of test) {
    const m = await maps(fold, id, ensemble);
    const segmentation = toInstances(m.output, tuned.options);
    pd += pixelDice(segmentation, m.gt) / test.length;
    scored.push({ id, segmentation, groundTruth: m.gt });
  }
  loaded?.dispose();
  const mean = evaluate(scored, { metrics: 'all' }).perImageMean;
  const r = {
    fold,
    validation,
    test,
    options: tuned.options,
    validationAji: tuned.aji,
    heldOut: {
      aji: mean.aji,
      pq: mean.pq,
      dq: mean.dq,
      sq: mean.sq,
      f1: mean.f1,
      objectDice: mean.objectDice,
      pixelDice: pd,
    },
    tuneSeconds,
  };
  console.log(JSON.stringify(r));
  rows.push(r);
}
const keys = ['aji', 'pq', 'dq', 'sq', 'f1', 'objectDice', 'pixelDice'];
const mean = Object.fromEntries(keys.map((k) => [k, rows.reduce((s, r) => s + r.heldOut[k], 0) / rows.length]));
console.log(
  `${row} seed ${seed}, ${rows.length} folds, held-out mean: ${keys.map((k) => `${k} ${mean[k].toFixed(3)}`).join(', ')}`,
);
writeFileSync(
  join(here, 'results', `monuseg-refit-${row}-seed${seed}-folds${folds.join('')}.json`),
  `${JSON.stringify({ row, seed, rows, mean }, null, 1)}\n`,
);
