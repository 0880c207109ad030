// Probe: INQ's re-training rate on MoNuSeg (issue 13). Does a gentler phase keep the float AJI?
//
// `qfcn train --bits B` trains float (the recommended recipe, best-validation checkpoint), then re-trains
// those weights for 4 × 2 epochs at a constant rate — a tenth of the peak (2e-4) — while INQ freezes
// 50 / 75 / 87.5 / 100% of the kernels at powers of two. The control (inq-control.probe.mjs) showed
// that this phase, not the quantization, is what costs the AJI. This probe trains the float phase once
// per fold and seed and runs INQ's phase from its best weights at each rate of QFCN_IR_RATES, so the
// rates differ in nothing else; every model is then tuned on its own validation tiles (`tuneEnsemble`,
// as `qfcn train` does) and scored on the fold's held-out tiles by `qfcn predict`. The decision between
// rates is the validation AJI after tuning; the held-out AJI is reported, never used to choose.
// Unlike `qfcn train --bits`, the phase's crops are those of training epochs 0..7 (trainFcn draws them
// from (seed, epoch, index)), not of epochs 20..27.
//
// Run after `pnpm build`: `node benchmarks/inq-rate.probe.mjs` (QFCN_IR_SEEDS=1, QFCN_IR_FOLDS=0,1,2,3,
// QFCN_IR_RATES=2e-4,2e-5, QFCN_IR_BITS=7, QFCN_IR_BACKEND=auto, QFCN_IR_EPOCHS=N for a smoke run of N
// one-crop float epochs; about 12 min per fold for the float phase and 5 per rate on 2 cores with
// qfcn-native). Results go to benchmarks/results/monuseg-cv/ir*-seed<s>-fold<f>.json (reused on rerun)
// and benchmarks/results/inq-rate.json ({ markdown, ... }).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend/node';
import { loadFolderDataset } from '@qfcn/data/node';
import {
  FcnEnsemble,
  FcnModel,
  loadModel,
  recommendedTraining,
  splitValidation,
  trainEnsemble,
  trainFcn,
  tuneEnsemble,
} from '@qfcn/fcn';
import { inqHook } from '@qfcn/quantize/tfjs';
import {
  envList,
  foldSamples,
  monusegTileIds,
  progressLogger,
  scoreHeldOut,
  trainFoldModel,
  writeJson,
} from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const cli = resolve(here, '..', 'packages', 'cli', 'dist', 'bin.js');
const store = join(here, 'results', 'monuseg-cv');
const seeds = envList(process.env.QFCN_IR_SEEDS, '1').map(Number);
const folds = envList(process.env.QFCN_IR_FOLDS, '0,1,2,3').map(Number);
const rates = envList(process.env.QFCN_IR_RATES, '2e-4,2e-5').map(Number);
const bits = Number(process.env.QFCN_IR_BITS ?? 7);
const backend = process.env.QFCN_IR_BACKEND ?? 'auto';
// a smoke run: float epochs of one crop per image instead of the recipe's 2000 steps
const epochs = process.env.QFCN_IR_EPOCHS === undefined ? undefined : Number(process.env.QFCN_IR_EPOCHS);
/** `qfcn train`'s defaults (--validation 0.15, --epochs-per-step 2, small preset, distance head). */
const EPOCHS_PER_STEP = 2;
for (const r of rates) if (!(r > 0)) throw new Error(`QFCN_IR_RATES: every rate must be positive, got ${r}`);
if (!(Number.isInteger(bits) && bits >= 2 && bits <= 8)) throw new Error(`QFCN_IR_BITS must be 2..8, got ${bits}`);
if (!existsSync(data)) {
  console.log(`inq-rate: skipped (no MoNuSeg tiles at ${data})`);
  process.exit(0);
}
if (!existsSync(cli)) throw new Error(`${cli} is missing: run pnpm build first`);
await initBackend(backend, { importModule: (s) => import(s) });
const ids = monusegTileIds(data);
const smoke = epochs ? `-epochs${epochs}` : '';

const results = [];
for (const seed of seeds) {
  for (const fold of folds) {
    const work = join(store, `irfloat-seed${seed}-fold${fold}${smoke}`);
    const { trainSamples, validation, recipe, train, test } = await foldData(seed, fold, work);
    const float = await cached(`${work}.json`, () =>
      trainFloat({ seed, fold, work, trainSamples, validation, recipe, train, test }),
    );
    const row = { seed, fold, float, phases: [] };
    for (const rate of rates) {
      const key = `ir${rate}-b${bits}-seed${seed}-fold${fold}${smoke}`;
      row.phases.push(
        await cached(join(store, `${key}.json`), () =>
          trainPhase({ key, rate, seed, float, trainSamples, validation, recipe, test }),
        ),
      );
    }
    results.push(row);
    rmSync(join(work, 'train'), { recursive: true, force: true });
  }
}

/** The fold's tiles, split and recipe exactly as `qfcn train --bits B --seed <seed>` makes them. */
async function foldData(seed, fold, work) {
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
  return { trainSamples, validation, recipe, train, test };
}

async function cached(file, run) {
  if (existsSync(file)) {
    console.log(`reused ${file}`);
    return JSON.parse(readFileSync(file, 'utf8'));
  }
  const result = await run();
  writeJson(file, result);
  return result;
}

/** The float phase of `qfcn train --bits B`: its epochs and schedule, the best-validation weights kept. */
async function trainFloat({ seed, fold, work, trainSamples, validation, recipe, train, test }) {
  const { restoreBestAt, ...rest } = recipe;
  const floatRecipe = { ...rest, epochs: restoreBestAt };
  const model = join(work, 'model');
  console.log(
    `float seed ${seed} fold ${fold}: ${floatRecipe.epochs} epochs on ${trainSamples.length} tiles, validating on ${validation.map((s) => s.id).join(', ')}`,
  );
  const t0 = performance.now();
  let tuning;
  const ensemble = await trainFoldModel({
    trainEnsemble,
    trainSamples,
    validation,
    recipe: floatRecipe,
    seed,
    model,
    key: `float seed ${seed} fold ${fold}`,
    onEvent: (e) => {
      if (e.stage === 'tune') tuning = e.values;
    },
  });
  await ensemble.save(model);
  const history = ensemble.histories[0];
  ensemble.dispose();
  const trainMinutes = (performance.now() - t0) / 60000;
  const best = history.reduce((b, e) => ((e.valAji ?? -1) > (b.valAji ?? -1) ? e : b), history[0]);
  const scored = scoreHeldOut({ cli, backend, model, data, test, work });
  const saved = JSON.parse(readFileSync(join(model, 'ensemble.json'), 'utf8'));
  console.log(`float seed ${seed} fold ${fold}: held-out AJI ${scored.mean.aji.toFixed(3)}`);
  return {
    row: 'irfloat',
    seed,
    fold,
    train,
    test,
    model,
    trainMinutes,
    floatValidationAji: best.valAji,
    floatBestEpoch: best.epoch,
    tunedValidationAji: tuning.validationAji,
    inference: saved.inference ?? {},
    ...scored,
  };
}

/** INQ's phase at a constant `rate` from the float phase's best weights, tuned on validation, scored. */
async function trainPhase({ key, rate, seed, float, trainSamples, validation, recipe, test }) {
  const { schedule, restoreBestAt, epochs: _epochs, steps: _steps, selectBy: _selectBy, ...rest } = recipe;
  const phaseEpochs = 4 * EPOCHS_PER_STEP;
  const net = await loadModel(join(float.model, 'member-0'));
  const hook = inqHook({ bits, epochsPerStep: EPOCHS_PER_STEP, startEpoch: 0, name: `inq-${bits}bit` });
  console.log(`${key}: ${phaseEpochs} epochs at ${rate} from the best float weights, INQ at ${bits} bits`);
  const t0 = performance.now();
  const { history } = await trainFcn(net, trainSamples, {
    ...rest,
    epochs: phaseEpochs,
    learningRate: rate,
    seed,
    validation,
    selectBy: 'last',
    hooks: [hook],
    onProgress: progressLogger(key),
  });
  const trainMinutes = (performance.now() - t0) / 60000;
  let progress;
  const tuned = await tuneEnsemble(new FcnEnsemble([new FcnModel(net)], [history]), {
    validation,
    samples: trainSamples,
    onProgress: (e) => {
      progress = e.values;
    },
  });
  const model = join(store, key, 'model');
  rmSync(dirname(model), { recursive: true, force: true });
  await tuned.save(model);
  tuned.dispose();
  const scored = scoreHeldOut({ cli, backend, model, data, test, work: dirname(model) });
  console.log(
    `${key}: validation AJI ${progress.validationAji.toFixed(3)}, held-out AJI ${scored.mean.aji.toFixed(3)}`,
  );
  return {
    row: `ir${rate}`,
    rate,
    bits,
    seed,
    fold: float.fold,
    trainMinutes,
    lastValidationAji: history.at(-1)?.valAji,
    validations: history.filter((e) => e.valAji !== undefined).map((e) => [e.epoch, e.valAji]),
    tunedValidationAji: progress.validationAji,
    tta: progress.tta === 1,
    colorMatch: progress.colorMatch === 1,
    ...scored,
  };
}

const f3 = (v) => (Number.isFinite(v) ? v.toFixed(3) : '–');
let md = `INQ at ${bits} bits, re-training rate of its phase, MoNuSeg 4-fold CV (small preset, distance head): validation AJI of each model's own validation tiles (tuned post-processing; decides), held-out AJI (reported).\n\n`;
md += `| seed | fold | float val. AJI (best epoch) | float val. AJI tuned | ${rates.map((r) => `val. AJI tuned, ${r}`).join(' | ')} | float AJI | ${rates.map((r) => `AJI ${r}`).join(' | ')} | ${rates.map((r) => `PQ ${r}`).join(' | ')} |\n`;
md += `|${'---|'.repeat(4 + 3 * rates.length + 1)}\n`;
for (const r of results) {
  md += `| ${r.seed} | ${r.fold} | ${f3(r.float.floatValidationAji)} (${r.float.floatBestEpoch}) | ${f3(r.float.tunedValidationAji)} | ${r.phases.map((p) => f3(p.tunedValidationAji)).join(' | ')} | ${f3(r.float.mean.aji)} | ${r.phases.map((p) => f3(p.mean.aji)).join(' | ')} | ${r.phases.map((p) => f3(p.mean.pq)).join(' | ')} |\n`;
}
console.log(md);
writeJson(join(here, 'results', 'inq-rate.json'), { seeds, folds, rates, bits, results, markdown: md });
