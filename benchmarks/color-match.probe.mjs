// Probe: do tiles stained unlike the training tiles segment better when brought to the training
// tiles' colour statistics first? (issue 13)
//
// Two of the validation tiles (TCGA-21-5786, TCGA-50-5931) are the palest, lowest-contrast tiles of
// the 13 and get the weakest object maps. This probe takes the fold models that
// benchmarks/monuseg-cv.bench.mjs trained and, at inference only (the models are not retrained),
// matches every input tile's CIELAB means and standard deviations to the average statistics of the
// tiles the model trained on (`matchColorStatistics` of @qfcn/data, Reinhard et al. 2001). It
// decides WITHOUT the held-out tiles:
//   inSample   post-processing tuned (`tuneInstances`) and scored on the run's validation tiles (those
//              `qfcn train` held out), raw against matched inputs — the decision;
//   saved      the validation AJI with the post-processing `qfcn train` saved (fitted on raw tiles);
//   heldOut    tuned on the validation tiles, scored on the fold's held-out tiles — reported, never
//              used to choose.
// Raw maps are shared with tune-grid.probe.mjs (benchmarks/results/tune-grid/maps/), matched ones
// are cached in benchmarks/results/color-match/maps/.
//
// Run after `pnpm build` and the cross-validation:
//   QFCN_CM_ROWS=qnt5,touch10 QFCN_CM_SEED=1 node benchmarks/color-match.probe.mjs   (QFCN_CM_FOLDS=0,1,2,3)
// Writes benchmarks/results/color-match-seed<seed>.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend/node';
import { matchColorStatistics, meanColorStatistics } from '@qfcn/data';
import { readImage, readLabelMap } from '@qfcn/data/node';
import { FcnEnsemble, splitValidation, toInstances, tuneInstances } from '@qfcn/fcn';
import { aggregatedJaccardIndex, evaluate } from '@qfcn/metrics';
import { cachedMaps, cvRun, envList, monusegTileIds } from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const rows = envList(process.env.QFCN_CM_ROWS, 'qnt5');
const seed = Number(process.env.QFCN_CM_SEED ?? '1');
const folds = envList(process.env.QFCN_CM_FOLDS, '0,1,2,3').map(Number);
const store = join(here, 'results', 'monuseg-cv');
if (!existsSync(data)) {
  console.log(`color-match: skipped (no MoNuSeg tiles at ${data})`);
  process.exit(0);
}
await initBackend('auto', { importModule: (s) => import(s) });
const ids = monusegTileIds(data);

const ajiOf = (pairs, options) =>
  pairs.map((p) => aggregatedJaccardIndex(toInstances(p.output, options), p.groundTruth));
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;

const results = [];
for (const row of rows) {
  for (const fold of folds) {
    const { modelDir, test, validation, fitted } = cvRun(ids, store, row, seed, fold, splitValidation);
    if (!existsSync(modelDir)) {
      console.log(`${row} fold ${fold}: no model at ${modelDir}; skipped`);
      continue;
    }
    const saved = JSON.parse(readFileSync(join(modelDir, 'ensemble.json'), 'utf8')).instances;
    const target = meanColorStatistics(fitted.map((id) => readImage(join(data, `${id}.png`))));
    let ensemble;
    const pairsOf = async (tiles, matched) => {
      const pairs = [];
      for (const id of tiles) {
        const groundTruth = readLabelMap(join(data, `${id}_label.png`));
        const cache = join(
          here,
          'results',
          matched ? 'color-match' : 'tune-grid',
          'maps',
          `${row}-seed${seed}-fold${fold}`,
        );
        const output = await cachedMaps(cache, id, groundTruth, async () => {
          ensemble ??= await FcnEnsemble.load(modelDir, {});
          const image = readImage(join(data, `${id}.png`));
          return ensemble.predict(matched ? matchColorStatistics(image, target) : image);
        });
        pairs.push({ id, output, groundTruth });
      }
      return pairs;
    };
    const perFold = { row, fold, validation, test, target };
    for (const variant of ['raw', 'matched']) {
      const matched = variant === 'matched';
      const valPairs = await pairsOf(validation, matched);
      const testPairs = await pairsOf(test, matched);
      const tuned = tuneInstances(valPairs);
      const segmented = testPairs.map((p) => ({
        id: p.id,
        segmentation: toInstances(p.output, tuned.options),
        groundTruth: p.groundTruth,
      }));
      const heldOut = evaluate(segmented, { metrics: 'nuclei' }).perImageMean;
      const objectInside = valPairs.map((p) => {
        let s = 0;
        let n = 0;
        for (let i = 0; i < p.groundTruth.data.length; i++)
          if (p.groundTruth.data[i]) {
            s += p.output.object.data[i];
            n++;
          }
        return s / n;
      });
      perFold[variant] = {
        inSample: tuned.aji,
        options: tuned.options,
        savedPerTile: ajiOf(valPairs, saved),
        inSamplePerTile: ajiOf(valPairs, tuned.options),
        objectInside,
        heldOut: { aji: heldOut.aji, pq: heldOut.pq },
      };
      const r = perFold[variant];
      console.log(
        `${row} fold ${fold} ${variant}: validation AJI tuned ${r.inSample.toFixed(3)} (${r.inSamplePerTile.map((v) => v.toFixed(3)).join(', ')}), saved settings ${mean(r.savedPerTile).toFixed(3)}, object p inside nuclei ${r.objectInside.map((v) => v.toFixed(2)).join(', ')}; held-out AJI ${heldOut.aji.toFixed(3)} PQ ${heldOut.pq.toFixed(3)}`,
      );
    }
    ensemble?.dispose();
    results.push(perFold);
  }
}
const f3 = (v) => v.toFixed(3);
let md = `Inputs matched to the training tiles' CIELAB statistics at inference (Reinhard), seed ${seed}: validation AJI (post-processing tuned on the validation tiles) raw → matched, and held-out AJI (reported, not used to choose).\n\n`;
md += `| row | fold | validation tiles | val. AJI raw | val. AJI matched | object p in nuclei raw → matched | held-out AJI raw | held-out AJI matched |\n|---|---|---|---|---|---|---|---|\n`;
for (const r of results) {
  md += `| ${r.row} | ${r.fold} | ${r.validation.join(', ')} | ${f3(r.raw.inSample)} | ${f3(r.matched.inSample)} | ${r.raw.objectInside.map((v, i) => `${v.toFixed(2)} → ${r.matched.objectInside[i].toFixed(2)}`).join('; ')} | ${f3(r.raw.heldOut.aji)} | ${f3(r.matched.heldOut.aji)} |\n`;
}
console.log(md);
const out = join(here, 'results', `color-match-seed${seed}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ rows, seed, folds, results, markdown: md }, null, 1)}\n`);
