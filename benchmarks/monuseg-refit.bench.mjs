// Re-fits the post-processing of models that benchmarks/monuseg-cv.bench.mjs trained, with this
// version's `tuneInstances`, on each fold's VALIDATION tiles — the ones `qfcn train` held out
// (splitValidation of @qfcn/fcn with the CLI's defaults: 15%, the run's seed) — and scores the fold's
// held-out tiles with the chosen settings. Use it when post-processing changes, to measure the change
// on the same trained models without retraining; the decision what to tune is taken on validation
// tiles only (held-out scores are reported, never used to choose).
//
// With several seeds (QFCN_REFIT_SEED=1,2) it scores their ENSEMBLE: the mean of the members'
// probability maps (as FcnEnsemble averages its members), post-processing tuned on the validation
// tiles that every member held out (their intersection — a tile one member trained on would flatter
// it), and beside it each member alone tuned on the same tiles, so the comparison is like for like.
//
// With QFCN_REFIT_TUNE_ON=all the post-processing is tuned as `trainEnsemble({ tuneOn: 'all' })` does:
// on the fold's validation tiles AND the tiles the model trained on (every tile of the fold but its
// held-out ones) — still never on a held-out tile.
//
// Run after `pnpm build` and the cross-validation (its models in benchmarks/results/monuseg-cv/):
//   node benchmarks/monuseg-refit.bench.mjs   (QFCN_REFIT_ROW=float|qnt7|…, QFCN_REFIT_SEED=1 or 1,2, QFCN_REFIT_FOLDS=0,1,2,3, QFCN_REFIT_TUNE_ON=validation|all, QFCN_REFIT_MEMBERS=0)
// The probability maps of every needed tile are cached in benchmarks/results/monuseg-refit/maps/
// (one model prediction per tile, as `qfcn predict` makes it: the model's own tiling and TTA).
// Writes benchmarks/results/monuseg-refit-<row>-seed<seeds>-folds<folds>.json.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend/node';
import { readImage, readLabelMap } from '@qfcn/data/node';
import { FcnEnsemble, splitValidation, toInstances, tuneInstances } from '@qfcn/fcn';
import { evaluate, pixelDice } from '@qfcn/metrics';
import { cachedMaps, cvRun, monusegFold, monusegTileIds } from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const row = process.env.QFCN_REFIT_ROW ?? 'float';
const seeds = (process.env.QFCN_REFIT_SEED ?? '1').split(',').map(Number);
const tuneOn = process.env.QFCN_REFIT_TUNE_ON ?? 'validation';
if (tuneOn !== 'validation' && tuneOn !== 'all')
  throw new Error(`QFCN_REFIT_TUNE_ON: 'validation' or 'all', got '${tuneOn}'`);
const store = join(here, 'results', 'monuseg-cv');
const cache = join(here, 'results', 'monuseg-refit', 'maps');
if (!existsSync(data)) {
  console.log(`monuseg-refit: skipped (no MoNuSeg tiles at ${data})`);
  process.exit(0);
}
const ids = monusegTileIds(data);
await initBackend('auto', { importModule: (s) => import(s) });

/**
 * The object, contour and (for a model with a distance head) distance maps of tile `id` by the fold model of
 * `seed` (cached; the cache file holds two or three planes).
 */
async function memberMaps(fold, seed, id, ensemble) {
  const gt = readLabelMap(join(data, `${id}_label.png`));
  const maps = await cachedMaps(join(cache, `${row}-seed${seed}-fold${fold}`), id, gt, async () =>
    (await ensemble()).predict(readImage(join(data, `${id}.png`))),
  );
  return { gt, object: maps.object.data, contour: maps.contour.data, distance: maps.distance?.data };
}

/** Tile `id` as scored by the members `which` (indices into `members`): their mean maps. */
async function maps(fold, id, members, which) {
  const parts = [];
  for (const k of which) parts.push(await memberMaps(fold, members[k].seed, id, members[k].ensemble));
  const { gt } = parts[0];
  const mean = (key) => {
    const out = new Float32Array(gt.width * gt.height);
    for (const p of parts) for (let i = 0; i < out.length; i++) out[i] += p[key][i] / parts.length;
    return { width: gt.width, height: gt.height, data: out };
  };
  const output = { object: mean('object'), contour: mean('contour') };
  // the distance map only when every member has one (as FcnEnsemble averages it)
  if (parts.every((p) => p.distance)) output.distance = mean('distance');
  return { gt, output };
}

/** Tunes on `validation`, scores `test` (held out): the row of one model or ensemble. */
async function score(fold, members, which, validation, test) {
  const t = performance.now();
  const pairs = [];
  for (const id of validation) {
    const m = await maps(fold, id, members, which);
    pairs.push({ output: m.output, groundTruth: m.gt });
  }
  const tuned = tuneInstances(pairs);
  const tuneSeconds = (performance.now() - t) / 1000;
  const scored = [];
  let pd = 0;
  for (const id of test) {
    const m = await maps(fold, id, members, which);
    const segmentation = toInstances(m.output, tuned.options);
    pd += pixelDice(segmentation, m.gt) / test.length;
    scored.push({ id, segmentation, groundTruth: m.gt });
  }
  const mean = evaluate(scored, { metrics: 'all' }).perImageMean;
  return {
    fold,
    seeds: which.map((k) => members[k].seed),
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
}

const rows = [];
const folds = (process.env.QFCN_REFIT_FOLDS ?? '0,1,2,3').split(',').map(Number);
for (const fold of folds) {
  const { train, test } = monusegFold(ids, fold);
  const members = seeds.map((seed) => {
    const { modelDir, validation } = cvRun(ids, store, row, seed, fold, splitValidation);
    let loaded;
    return {
      seed,
      modelDir,
      validation,
      ensemble: async () => (loaded ??= await FcnEnsemble.load(modelDir, {})),
      dispose: () => loaded?.dispose(),
    };
  });
  const missing = members.find((m) => !existsSync(m.modelDir));
  if (missing) {
    console.log(`fold ${fold}: no model at ${missing.modelDir} (run monuseg-cv.bench.mjs first); skipped`);
    continue;
  }
  // validation tiles that no member trained on
  const validation = members[0].validation.filter((id) => members.every((m) => m.validation.includes(id)));
  if (validation.length === 0) {
    console.log(`fold ${fold}: the members share no validation tile; skipped`);
    continue;
  }
  const all = members.map((_, k) => k);
  // tuneOn 'all': the validation tiles and every tile the members trained on (all but the held-out ones)
  const tuning = tuneOn === 'all' ? [...validation, ...train.filter((id) => !validation.includes(id))] : validation;
  const r = await score(fold, members, all, tuning, test);
  // each member alone beside the ensemble (QFCN_REFIT_MEMBERS=0 skips them: their own runs give them)
  const alone = members.length > 1 && process.env.QFCN_REFIT_MEMBERS !== '0';
  if (alone) r.members = [];
  for (const k of alone ? all : []) r.members.push(await score(fold, members, [k], tuning, test));
  for (const m of members) m.dispose();
  console.log(JSON.stringify(r));
  rows.push(r);
}
const keys = ['aji', 'pq', 'dq', 'sq', 'f1', 'objectDice', 'pixelDice'];
const meanOf = (list) =>
  Object.fromEntries(keys.map((k) => [k, list.reduce((s, r) => s + r.heldOut[k], 0) / list.length]));
const line = (m) => keys.map((k) => `${k} ${m[k].toFixed(3)}`).join(', ');
const mean = meanOf(rows);
const label = seeds.length > 1 ? `ensemble of seeds ${seeds.join('+')}` : `seed ${seeds[0]}`;
console.log(`${row} ${label}, tuned on ${tuneOn} tiles, ${rows.length} folds, held-out mean: ${line(mean)}`);
const memberMeans = rows[0]?.members ? seeds.map((_, k) => meanOf(rows.map((r) => r.members[k]))) : [];
memberMeans.forEach((m, k) => console.log(`  seed ${seeds[k]} alone, tuned on the same tiles: ${line(m)}`));
writeFileSync(
  join(
    here,
    'results',
    `monuseg-refit-${row}-seed${seeds.join('')}-folds${folds.join('')}${tuneOn === 'all' ? '-tune-all' : ''}.json`,
  ),
  `${JSON.stringify({ row, seeds, tuneOn, rows, mean, memberMeans }, null, 1)}\n`,
);
