// Probe: is what INQ costs on MoNuSeg the quantization, or the re-training phase it runs in? (issue 13)
//
// `qfcn train --bits B` trains float (the recommended recipe, best-validation checkpoint), then
// restores the best float weights and re-trains 4 × 2 epochs at a tenth of the peak learning rate
// while INQ freezes 50 / 75 / 87.5 / 100% of the kernels at powers of two, and keeps the last
// weights. This probe runs the same thing without the INQ hook — the control: the same epochs, rate
// and data order, every weight free — so that, per fold and seed,
//   QNT − control = what quantization itself does,   control − float = what the extra phase does.
// It mirrors `qfcn train` (same tiles, split, recipe and seeds): its float phase must reach the same
// best validation AJI as the --bits rows of monuseg-cv (printed beside them as a check). The model is
// saved and scored on the fold's held-out tiles by `qfcn predict` like a monuseg-cv row; nothing is
// chosen on them.
//
// Run after `pnpm build`: `node benchmarks/inq-control.probe.mjs` (QFCN_IC_SEEDS=1, QFCN_IC_FOLDS=0,1,2,3,
// QFCN_IC_BACKEND=auto, QFCN_IC_EPOCHS=N for a smoke run of N one-crop float epochs; about 17 min per fold on 2 cores with qfcn-native). Results go to
// benchmarks/results/monuseg-cv/inqctl-seed<s>-fold<f>.json (reused on rerun) and
// benchmarks/results/inq-control.json ({ markdown, ... }).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend/node';
import { loadFolderDataset } from '@qfcn/data/node';
import { recommendedTraining, splitValidation, trainEnsemble } from '@qfcn/fcn';
import { envList, foldSamples, monusegTileIds, scoreHeldOut, trainFoldModel, writeJson } from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const cli = resolve(here, '..', 'packages', 'cli', 'dist', 'bin.js');
const store = join(here, 'results', 'monuseg-cv');
const seeds = envList(process.env.QFCN_IC_SEEDS, '1').map(Number);
const folds = envList(process.env.QFCN_IC_FOLDS, '0,1,2,3').map(Number);
const backend = process.env.QFCN_IC_BACKEND ?? 'auto';
// a smoke run: float epochs of one crop per image instead of the recipe's 2000 steps
const epochs = process.env.QFCN_IC_EPOCHS === undefined ? undefined : Number(process.env.QFCN_IC_EPOCHS);
/** `qfcn train`'s defaults (--validation 0.15, --epochs-per-step 2, small preset, distance head). */
const EPOCHS_PER_STEP = 2;
if (!existsSync(data)) {
  console.log(`inq-control: skipped (no MoNuSeg tiles at ${data})`);
  process.exit(0);
}
if (!existsSync(cli)) throw new Error(`${cli} is missing: run pnpm build first`);
await initBackend(backend, { importModule: (s) => import(s) });
const ids = monusegTileIds(data);

const results = [];
for (const seed of seeds) {
  for (const fold of folds) {
    const key = `inqctl-seed${seed}-fold${fold}${epochs ? `-epochs${epochs}` : ''}`;
    const file = join(store, `${key}.json`);
    if (existsSync(file)) {
      results.push(JSON.parse(readFileSync(file, 'utf8')));
      console.log(`${key}: reused ${file}`);
      continue;
    }
    results.push(await runFold(seed, fold, key, file));
  }
}

async function runFold(seed, fold, key, file) {
  const work = join(store, key);
  rmSync(work, { recursive: true, force: true });
  // as `qfcn train --bits B --seed <seed>` does, minus the INQ hook
  const { train, test, trainSamples, validation } = await foldSamples({
    ids,
    data,
    fold,
    seed,
    work,
    loadFolderDataset,
    splitValidation,
  });
  const recipe = recommendedTraining(trainSamples, {
    ...(epochs ? { epochs } : {}),
    inq: { epochsPerStep: EPOCHS_PER_STEP },
  });
  const model = join(work, 'model');
  console.log(
    `${key}: training on ${trainSamples.length} tiles, validating on ${validation.map((s) => s.id).join(', ')}: ${recipe.epochs} epochs, the last ${4 * EPOCHS_PER_STEP} at ${recipe.learningRate / 10} from the best float weights, no quantization`,
  );
  const t0 = performance.now();
  const ensemble = await trainFoldModel({ trainEnsemble, trainSamples, validation, recipe, seed, model, key });
  await ensemble.save(model);
  const history = ensemble.histories[0];
  ensemble.dispose();
  const trainMinutes = (performance.now() - t0) / 60000;
  const scored = scoreHeldOut({ cli, backend, model, data, test, work });
  const saved = JSON.parse(readFileSync(join(model, 'ensemble.json'), 'utf8'));
  const inqStart = recipe.epochs - 4 * EPOCHS_PER_STEP;
  const float = history.filter((e) => e.epoch < inqStart && e.valAji !== undefined);
  const best = float.reduce((b, e) => (e.valAji > b.valAji ? e : b), { valAji: Number.NEGATIVE_INFINITY });
  const result = {
    row: 'inqctl',
    seed,
    fold,
    test,
    train,
    trainMinutes,
    ...scored,
    instances: saved.instances,
    tta: saved.inference?.tta === true,
    floatValidationAji: best.valAji,
    floatBestEpoch: best.epoch,
    lastValidationAji: history.at(-1)?.valAji,
  };
  writeJson(file, result);
  rmSync(join(work, 'train'), { recursive: true, force: true });
  console.log(
    `${key}: AJI ${scored.mean.aji.toFixed(3)} PQ ${scored.mean.pq.toFixed(3)} (${trainMinutes.toFixed(1)} min)`,
  );
  return result;
}

// the table: control beside the float and QNT rows of the same seed and fold where monuseg-cv has them
const f3 = (v) => (Number.isFinite(v) ? v.toFixed(3) : '–');
const other = (row, r) => {
  const f = join(store, `${row}-seed${r.seed}-fold${r.fold}.json`);
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : undefined;
};
let md = `INQ's re-training phase without quantization (the control), MoNuSeg 4-fold CV, held-out AJI; validation AJI of the run's own validation tiles.\n\n`;
md += `| seed | fold | float val. AJI (best) | control val. AJI (last) | QNT-7 val. AJI (last) | AJI float | AJI control | AJI QNT-7 | AJI QNT-5 | PQ control | train min |\n|---|---|---|---|---|---|---|---|---|---|---|\n`;
for (const r of results) {
  const [fl, q7, q5] = ['float', 'qnt7', 'qnt5'].map((row) => other(row, r));
  md += `| ${r.seed} | ${r.fold} | ${f3(r.floatValidationAji)} | ${f3(r.lastValidationAji)} | ${f3(q7?.lastValidationAji)} | ${f3(fl?.mean.aji)} | ${f3(r.mean.aji)} | ${f3(q7?.mean.aji)} | ${f3(q5?.mean.aji)} | ${f3(r.mean.pq)} | ${r.trainMinutes.toFixed(1)} |\n`;
}
console.log(md);
writeJson(join(here, 'results', 'inq-control.json'), { seeds, folds, results, markdown: md });
