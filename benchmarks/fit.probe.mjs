// Probe: does the default network under-fit MoNuSeg? (issue 13)
//
// The shipped fold models of `monuseg-cv` score about the same AJI on the tiles they trained on as on
// held-out tiles (`QFCN_TG_TRAINFIT=1 QFCN_TG_CROSSFIT=0 node benchmarks/tune-grid.probe.mjs`). This
// probe trains a fold with one part of `qfcn train`'s recipe changed, in-process and otherwise exactly
// as `qfcn train --seed <seed>` would (same split, schedule, best-validation checkpoint and
// post-processing fitted on the validation tiles), and saves the model where the tune-grid probe finds
// it, under the row name of the variant:
//   noaug   no augmentation but the random crop (no flips, rotations, scale, elastic, stain, blur, noise):
//           if the training tiles' AJI rises far above the shipped model's, augmentation held the fit
//           down; if it stays, the network (or the labels' ambiguity) sets the limit.
// Then `QFCN_TG_ROW=noaug QFCN_TG_TRAINFIT=1 QFCN_TG_CROSSFIT=0 QFCN_TG_GRIDS=default node
// benchmarks/tune-grid.probe.mjs` scores training, validation and held-out tiles alike.
//
// Run after `pnpm build`: `node benchmarks/fit.probe.mjs` (QFCN_FIT_VARIANT=noaug, QFCN_FIT_SEED=1,
// QFCN_FIT_FOLDS=0, QFCN_FIT_BACKEND=auto; QFCN_FIT_EPOCHS=N for a smoke run of N one-crop epochs;
// about 12 min per fold on 2 cores with qfcn-native). Models go to
// benchmarks/results/monuseg-cv/<variant>-seed<s>-fold<f>/model (an existing one is kept).
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend/node';
import { loadFolderDataset } from '@qfcn/data/node';
import { recommendedTraining, splitValidation, trainEnsemble } from '@qfcn/fcn';
import { envList, foldSamples, monusegTileIds, trainFoldModel } from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const store = join(here, 'results', 'monuseg-cv');
const VARIANTS = {
  noaug: (recipe) => ({ ...recipe, augment: {} }),
};
const variant = process.env.QFCN_FIT_VARIANT ?? 'noaug';
if (!VARIANTS[variant])
  throw new Error(`QFCN_FIT_VARIANT: unknown variant '${variant}' (known: ${Object.keys(VARIANTS).join(', ')})`);
const seed = Number(process.env.QFCN_FIT_SEED ?? '1');
const folds = envList(process.env.QFCN_FIT_FOLDS, '0').map(Number);
const epochs = process.env.QFCN_FIT_EPOCHS === undefined ? undefined : Number(process.env.QFCN_FIT_EPOCHS);
if (!existsSync(data)) {
  console.log(`fit: skipped (no MoNuSeg tiles at ${data})`);
  process.exit(0);
}
await initBackend(process.env.QFCN_FIT_BACKEND ?? 'auto', { importModule: (s) => import(s) });
const ids = monusegTileIds(data);

for (const fold of folds) {
  const work = join(store, `${variant}-seed${seed}-fold${fold}${epochs ? `-epochs${epochs}` : ''}`);
  const model = join(work, 'model');
  if (existsSync(join(model, 'ensemble.json'))) {
    console.log(`${model}: kept`);
    continue;
  }
  const { trainSamples, validation } = await foldSamples({
    ids,
    data,
    fold,
    seed,
    work,
    loadFolderDataset,
    splitValidation,
  });
  const recipe = VARIANTS[variant](recommendedTraining(trainSamples, epochs ? { epochs } : {}));
  console.log(
    `${variant} seed ${seed} fold ${fold}: ${trainSamples.length} tiles, validating on ${validation.map((s) => s.id).join(', ')}`,
  );
  const t0 = performance.now();
  const ensemble = await trainFoldModel({
    trainEnsemble,
    trainSamples,
    validation,
    recipe,
    seed,
    model,
    key: `${variant} fold ${fold}`,
  });
  await ensemble.save(model);
  const best = Math.max(...ensemble.histories[0].map((h) => h.valAji ?? -1));
  ensemble.dispose();
  rmSync(join(work, 'train'), { recursive: true, force: true });
  console.log(
    `${variant} seed ${seed} fold ${fold}: ${((performance.now() - t0) / 60000).toFixed(1)} min, best validation AJI ${best.toFixed(3)}; saved ${model}`,
  );
}
