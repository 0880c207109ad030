// Probe: is the post-processing grid of `tuneInstances` too narrow? (issue 13)
//
// On the cross-validation's fold models the tuner often picks values at the edges of its default grid
// (object threshold 0.5, seed threshold 0.8, minimum seed area 96 px, split depth 3, distance
// threshold 0.2), and most held-out errors are touching nuclei merged into one object. This probe
// compares grids (QFCN_TG_GRIDS: previous = the grid before the distance-depth stage, default = this
// version's, wide = the previous grid with every list widened), deciding WITHOUT the held-out tiles:
//   crossFit  tune on the tiles the model trained on, score the run's validation tiles (those
//             `qfcn train` held out: splitValidation, 15%, the run's seed) — the decision;
//   inSample  tune and score on the validation tiles (the most the grid can give there);
//   heldOut   tune on the validation tiles as `qfcn train` does and score the fold's held-out tiles —
//             reported, never used to choose; with the instanceErrors sums.
// Probability maps (the model's own tiling and test-time flips) are cached in
// benchmarks/results/tune-grid/maps/.
//
// Run after `pnpm build` and the cross-validation:
//   QFCN_TG_ROW=qnt5 QFCN_TG_SEED=1 node benchmarks/tune-grid.probe.mjs   (QFCN_TG_FOLDS=0,1,2,3;
//   QFCN_TG_STEPS=N for a run of QFCN_CV_STEPS=N)
// QFCN_TG_CROSSFIT=0 skips the cross-fit (the training tiles' maps and their long tuning): the
// in-sample gain on the validation tiles still bounds what the wider grid can give there.
// QFCN_TG_TRAINFIT=1 (with QFCN_TG_CROSSFIT=0) still predicts the training tiles, without tuning on
// them, to report how well the model as shipped (the validation-fitted options) fits the tiles it
// trained on: `trainFit` (AJI and PQ), beside the validation and held-out scores — under- or
// over-fitting, the question a learning curve asks.
// Writes benchmarks/results/tune-grid-<row>-seed<seed>-folds<folds>.json.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend/node';
import { readImage, readLabelMap } from '@qfcn/data/node';
import { FcnEnsemble, splitValidation, toInstances, tuneInstances } from '@qfcn/fcn';
import { aggregatedJaccardIndex, evaluate, instanceErrors } from '@qfcn/metrics';
import { cachedMaps, cvRun, monusegTileIds, sumInstanceErrors } from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const row = process.env.QFCN_TG_ROW ?? 'float';
const seed = Number(process.env.QFCN_TG_SEED ?? '1');
const folds = (process.env.QFCN_TG_FOLDS ?? '0,1,2,3').split(',').map(Number);
// the monuseg-cv run's QFCN_CV_STEPS, where it was not the default
const steps = process.env.QFCN_TG_STEPS;
const withCrossFit = process.env.QFCN_TG_CROSSFIT !== '0';
const withTrainMaps = withCrossFit || process.env.QFCN_TG_TRAINFIT === '1';
const store = join(here, 'results', 'monuseg-cv');
if (!existsSync(data)) {
  console.log(`tune-grid: skipped (no MoNuSeg tiles at ${data})`);
  process.exit(0);
}
await initBackend('auto', { importModule: (s) => import(s) });
const ids = monusegTileIds(data);
const ALL_GRIDS = {
  // the grid before distanceDepth (seeds split at the distance map's peaks) joined it
  previous: { distanceDepths: [] },
  default: {},
  wide: {
    objectThresholds: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
    markerThresholds: [0.5, 0.6, 0.7, 0.8, 0.9],
    minAreas: [0, 16, 32, 48, 64, 96, 128, 160, 192],
    splitDepths: [1, 2, 3, 4, 5, 6],
    distanceThresholds: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
    distanceDepths: [],
  },
};
// which grids to compare (QFCN_TG_GRIDS, comma-separated): default `previous,wide`
const GRIDS = Object.fromEntries(
  (process.env.QFCN_TG_GRIDS ?? 'previous,wide').split(',').map((name) => {
    if (!ALL_GRIDS[name])
      throw new Error(`QFCN_TG_GRIDS: unknown grid '${name}' (known: ${Object.keys(ALL_GRIDS).join(', ')})`);
    return [name, ALL_GRIDS[name]];
  }),
);

/** `pairs` segmented with `options`: the nuclei metrics' per-image means and the instanceErrors sums. */
function scored(pairs, options) {
  const segmented = pairs.map((p) => ({
    id: p.id,
    segmentation: toInstances(p.output, options),
    groundTruth: p.groundTruth,
  }));
  return {
    mean: evaluate(segmented, { metrics: 'nuclei' }).perImageMean,
    errors: sumInstanceErrors(segmented.map((p) => instanceErrors(p.segmentation, p.groundTruth))),
  };
}

const meanAji = (pairs, options) =>
  pairs.reduce((s, p) => s + aggregatedJaccardIndex(toInstances(p.output, options), p.groundTruth), 0) / pairs.length;

const results = [];
for (const fold of folds) {
  const { key, modelDir, test, validation, fitted } = cvRun(ids, store, row, seed, fold, splitValidation, steps);
  if (!existsSync(modelDir)) {
    console.log(`fold ${fold}: no model at ${modelDir}; skipped`);
    continue;
  }
  let ensemble;
  const pairsOf = async (list) => {
    const pairs = [];
    for (const id of list) {
      const groundTruth = readLabelMap(join(data, `${id}_label.png`));
      const output = await cachedMaps(join(here, 'results', 'tune-grid', 'maps', key), id, groundTruth, async () => {
        ensemble ??= await FcnEnsemble.load(modelDir, {});
        return ensemble.predict(readImage(join(data, `${id}.png`)));
      });
      pairs.push({ id, output, groundTruth });
    }
    return pairs;
  };
  const valPairs = await pairsOf(validation);
  const fitPairs = withTrainMaps ? await pairsOf(fitted) : [];
  const testPairs = await pairsOf(test);
  ensemble?.dispose();
  const perFold = { fold, validation, test, grids: {} };
  for (const [name, grid] of Object.entries(GRIDS)) {
    const t0 = performance.now();
    const onTrain = withCrossFit ? tuneInstances(fitPairs, grid) : undefined;
    const crossFit = onTrain ? meanAji(valPairs, onTrain.options) : Number.NaN;
    const onValidation = tuneInstances(valPairs, grid);
    const { mean, errors } = scored(testPairs, onValidation.options);
    const trainScore = withTrainMaps ? scored(fitPairs, onValidation.options) : undefined;
    const trainMean = trainScore?.mean;
    perFold.grids[name] = {
      crossFit,
      crossFitOptions: onTrain?.options,
      inSample: onValidation.aji,
      options: onValidation.options,
      heldOut: { aji: mean.aji, pq: mean.pq, dq: mean.dq, sq: mean.sq },
      trainFit: trainMean && {
        aji: trainMean.aji,
        pq: trainMean.pq,
        tiles: fitPairs.length,
        errors: trainScore.errors,
      },
      errors,
      seconds: (performance.now() - t0) / 1000,
    };
    const r = perFold.grids[name];
    console.log(
      `fold ${fold} ${name}: cross-fit validation AJI ${crossFit.toFixed(3)}, in-sample ${r.inSample.toFixed(3)}, held-out AJI ${mean.aji.toFixed(3)} PQ ${mean.pq.toFixed(3)}${trainMean ? `, training tiles AJI ${trainMean.aji.toFixed(3)} PQ ${trainMean.pq.toFixed(3)}` : ''} (${r.seconds.toFixed(0)} s) ${JSON.stringify(r.options)}`,
    );
  }
  results.push(perFold);
}
for (const name of Object.keys(GRIDS)) {
  const m = (f) => results.reduce((s, r) => s + f(r.grids[name]), 0) / results.length;
  console.log(
    `${name}: cross-fit validation AJI ${m((g) => g.crossFit).toFixed(3)}, in-sample ${m((g) => g.inSample).toFixed(3)}, held-out AJI ${m((g) => g.heldOut.aji).toFixed(3)} PQ ${m((g) => g.heldOut.pq).toFixed(3)}${withTrainMaps ? `, training tiles AJI ${m((g) => g.trainFit.aji).toFixed(3)} PQ ${m((g) => g.trainFit.pq).toFixed(3)}` : ''}`,
  );
}
const out = join(
  here,
  'results',
  `tune-grid-${row}-seed${seed}${steps ? `-steps${steps}` : ''}-folds${folds.join('')}-${Object.keys(GRIDS).join('-')}.json`,
);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ row, seed, folds, grids: GRIDS, results }, null, 1)}\n`);
