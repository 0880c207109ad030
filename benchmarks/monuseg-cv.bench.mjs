// Cross-validated accuracy of `qfcn train` + `qfcn predict` on the 13 shared MoNuSeg tiles (issue 13).
//
// What a newcomer runs, per fold: `qfcn train --data <fold train tiles> --out M` with the defaults
// (the recipe of recommendedTraining: its own validation split carved from the fold's training tiles,
// best-validation-AJI checkpoint, post-processing and TTA fitted on that split), then
// `qfcn predict --model M --images <held-out tiles>`; the held-out tiles are scored here with
// @qfcn/metrics (AJI, AJI+, PQ/DQ/SQ, GlaS F1 and object Dice, pixel Dice — means over images, as
// nuclei papers report). The held-out tiles are never seen by training, validation or tuning.
//
// Folds: tiles sorted by id, tile i in fold i mod 4 (4 folds of 4/3/3/3 held-out tiles).
// Rows (QFCN_CV_ROWS, comma-separated, default `float`): float = defaults; qnt7 / qnt5 = `--bits 7/5`;
// ens3 = `--members 3`; dec32 = `--decoder-channels 32`; ema = `--average-weights 0.995`;
// crop256 = `--crop 256 --batch 2 --steps 1000` (the default's pixel budget in crops twice as long);
// dist = `--heads 3` (a third, distance head; post-processing may seed at its peaks); half = the
// defaults on a seeded half of the fold's training tiles (5 of 9-10: 4 train, 1 validates), a point
// of the learning curve; touch10 = `--touching-weight 10` (the contour band between touching nuclei
// weighs 10 instead of 3 in the contour loss); hv = `--hv-head`; sep32 = `--contour-decoder 32` (the contour
// and distance heads read a 32-wide decoder of their own instead of the object head's 16). Seeds: QFCN_CV_SEEDS (default 1). Steps: QFCN_CV_STEPS (default: the CLI's).
// Folds to run: QFCN_CV_FOLDS (default 0,1,2,3). Backend: QFCN_CV_BACKEND (default auto).
// Every (row, seed, fold) result is kept in benchmarks/results/monuseg-cv/ and reused on rerun, so
// an interrupted run continues; delete that folder to start over.
//
// With several rows, the summary pairs each later row with the first (same seed and fold): the
// validation AJI after fitting decides, held-out AJI/PQ are reported (e.g. QFCN_CV_ROWS=float,sep32
// after both rows ran prints their comparison from the stored results).
// Run after `pnpm build`: `node benchmarks/monuseg-cv.bench.mjs` (about 15-20 min per fold and row
// on 2 cores with qfcn-native). Writes benchmarks/results/monuseg-cv.json ({ markdown, ... }).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cvKey,
  envList,
  METRICS,
  monusegFold,
  monusegTileIds,
  runCliCaptured,
  scoreHeldOut,
  sumInstanceErrors,
  tunedValidationAji,
  writeJson,
} from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const cli = resolve(here, '..', 'packages', 'cli', 'dist', 'bin.js');
const store = join(here, 'results', 'monuseg-cv');
const outFile = join(here, 'results', 'monuseg-cv.json');
const rows = envList(process.env.QFCN_CV_ROWS, 'float');
const seeds = envList(process.env.QFCN_CV_SEEDS, '1').map(Number);
const folds = envList(process.env.QFCN_CV_FOLDS, '0,1,2,3').map(Number);
const steps = process.env.QFCN_CV_STEPS;
const backend = process.env.QFCN_CV_BACKEND ?? 'auto';
const ROW_FLAGS = {
  float: [],
  qnt7: ['--bits', '7'],
  qnt5: ['--bits', '5'],
  ens3: ['--members', '3'],
  dec32: ['--decoder-channels', '32'],
  ema: ['--average-weights', '0.995'],
  crop256: ['--crop', '256', '--batch', '2', '--steps', '1000'],
  dist: ['--heads', '3'],
  half: [],
  touch10: ['--touching-weight', '10'],
  hv: ['--hv-head'],
  sep32: ['--contour-decoder', '32'],
};
// rows that train on a seeded fraction of the fold's training tiles (the held-out tiles stay the same)
const ROW_TILE_FRACTION = { half: 0.5 };
const ROW_NAMES = {
  float: '1 FCN, float',
  qnt7: '1 FCN, QNT 7-bit',
  qnt5: '1 FCN, QNT 5-bit',
  ens3: '3 FCNs, float',
  dec32: '1 FCN, float, decoder 32',
  ema: '1 FCN, float, moving average of the weights (0.995)',
  crop256: '1 FCN, float, batch 2 x 256² crops, 1000 steps (same pixels as the default)',
  dist: '1 FCN, float, distance head',
  half: '1 FCN, float, half the training tiles',
  touch10: '1 FCN, float, touching lines weigh 10 in the contour loss',
  hv: '1 FCN, float, distance and hv heads (HoVer-Net maps)',
  sep32: '1 FCN, float, contour and distance heads on a 32-wide decoder of their own',
};
// published figures on MoNuSeg / Kumar (official test tiles of other organs, not these folds), as quoted in
// issue 13 from Graham et al. 2019 (HoVer-Net) and the MoNuSeg 2018 challenge: for orientation only
const PUBLISHED = [
  ['DCAN (contour-aware FCN)', { aji: 0.525, pq: 0.492 }],
  ['U-Net', { aji: 0.56 }],
  ['HoVer-Net', { aji: 0.641, pq: 0.597, pixelDice: 0.826 }],
  ['MoNuSeg 2018 winner', { aji: 0.691 }],
];

if (!existsSync(data)) {
  const skipped = `no MoNuSeg tiles at ${data}`;
  console.log(`monuseg-cv: skipped (${skipped})`);
  writeJson(outFile, { skipped, markdown: `Skipped: ${skipped}.\n` });
  process.exit(0);
}
for (const r of rows)
  if (!ROW_FLAGS[r]) throw new Error(`QFCN_CV_ROWS: unknown row '${r}' (known: ${Object.keys(ROW_FLAGS).join(', ')})`);
if (!existsSync(cli)) throw new Error(`${cli} is missing: run pnpm build first`);

const ids = monusegTileIds(data);
mkdirSync(store, { recursive: true });

const results = [];
for (const row of rows) {
  for (const seed of seeds) {
    for (const fold of folds) {
      const key = cvKey(row, seed, fold, steps);
      const file = join(store, `${key}.json`);
      if (existsSync(file)) {
        results.push(JSON.parse(readFileSync(file, 'utf8')));
        console.log(`${key}: reused ${file}`);
        continue;
      }
      results.push(await runFold(row, seed, fold, key, file));
    }
  }
}

async function runFold(row, seed, fold, key, file) {
  const work = join(store, key);
  rmSync(work, { recursive: true, force: true });
  const trainDir = join(work, 'train');
  mkdirSync(trainDir, { recursive: true });
  const { train: foldTrain, test } = monusegFold(ids, fold);
  const fraction = ROW_TILE_FRACTION[row];
  const train = fraction
    ? seededSubset(foldTrain, Math.ceil(fraction * foldTrain.length), seed * 100 + fold)
    : foldTrain;
  for (const id of train)
    for (const f of [`${id}.png`, `${id}_label.png`]) copyFileSync(join(data, f), join(trainDir, f));
  const model = join(work, 'model');
  const trainArgs = [
    'train',
    '--data',
    trainDir,
    '--out',
    model,
    '--seed',
    String(seed),
    '--backend',
    backend,
    ...ROW_FLAGS[row],
    ...(steps ? ['--steps', steps] : []),
  ];
  console.log(`${key}: qfcn ${trainArgs.join(' ')}`);
  const t0 = performance.now();
  const log = await runCliCaptured(cli, trainArgs);
  const trainMinutes = (performance.now() - t0) / 60000;
  const { mean, perImage, errors, inferenceSecondsPerTile } = scoreHeldOut({ cli, backend, model, data, test, work });
  const ensemble = JSON.parse(readFileSync(join(model, 'ensemble.json'), 'utf8'));
  const result = {
    row,
    seed,
    fold,
    test,
    train,
    steps: steps ?? 'default',
    trainMinutes,
    inferenceSecondsPerTile,
    mean,
    perImage,
    errors,
    instances: ensemble.instances,
    tta: ensemble.inference?.tta === true,
    // what model choices are decided on: the best checkpoint's AJI on the run's own validation tiles
    validationAji: Math.max(...(ensemble.histories?.[0] ?? []).map((e) => e.valAji ?? Number.NEGATIVE_INFINITY)),
    // and with the post-processing, flips and colour matching fitted on them (what the model ships with)
    tunedValidationAji: tunedValidationAji(log),
    // with --bits: the best float validation (INQ starts from its weights; the float row keeps them)
    // and the last validation (INQ's 4 × 2 epochs)
    ...(ROW_FLAGS[row].includes('--bits') ? quantizedValidation(ensemble.histories?.[0] ?? []) : {}),
  };
  writeJson(file, result);
  console.log(
    `${key}: AJI ${mean.aji.toFixed(3)} PQ ${mean.pq.toFixed(3)} F1 ${mean.f1.toFixed(3)} Dice ${mean.objectDice.toFixed(3)} (${trainMinutes.toFixed(1)} min)`,
  );
  // keep the model (a few MB) for later looks; drop the copied tiles
  rmSync(trainDir, { recursive: true, force: true });
  return result;
}

/** Best validation AJI of the float epochs (all but INQ's last 4 × 2) and the last validation AJI. */
function quantizedValidation(history) {
  const inqStart = history.length - 8;
  const float = history.filter((e) => e.epoch < inqStart && e.valAji !== undefined);
  const best = float.reduce((b, e) => (e.valAji > b.valAji ? e : b), { valAji: Number.NEGATIVE_INFINITY });
  return { floatValidationAji: best.valAji, floatBestEpoch: best.epoch, lastValidationAji: history.at(-1)?.valAji };
}

/** `k` of `items` (in their order), chosen by a seeded Fisher-Yates shuffle (mulberry32). */
function seededSubset(items, k, seed) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const idx = items.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const keep = new Set(idx.slice(0, k));
  return items.filter((_, i) => keep.has(i));
}

/** Mean and 95% t-interval half-width of a sample (half-width NaN below 2 values). */
function meanCi(values) {
  const n = values.length;
  const m = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean: m, half: Number.NaN, n };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  const t = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228][n - 2] ?? 1.96;
  return { mean: m, half: (t * sd) / Math.sqrt(n), n };
}

const f3 = (v) => (Number.isFinite(v) ? v.toFixed(3) : '–');
let md = `Held-out MoNuSeg tiles by 4-fold cross-validation (13 tiles; each fold's model never saw its held-out tiles).\n\n`;
md += `| row | seed | fold | held out | AJI | AJI+ | PQ | DQ | SQ | F1 | object Dice | pixel Dice | train min | infer s/tile |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n`;
for (const r of results) {
  md += `| ${ROW_NAMES[r.row]} | ${r.seed} | ${r.fold} | ${r.test.length} | ${METRICS.map((m) => f3(r.mean[m])).join(' | ')} | ${r.trainMinutes.toFixed(1)} | ${r.inferenceSecondsPerTile.toFixed(1)} |\n`;
}
md += `\nMean over folds (± 95% t-interval over the fold means${seeds.length > 1 ? ' of every seed' : ''}):\n\n| row | n | AJI | PQ | DQ | SQ | F1 | object Dice | pixel Dice | train min |\n|---|---|---|---|---|---|---|---|---|---|\n`;
const summary = {};
for (const row of rows) {
  const rs = results.filter((r) => r.row === row);
  if (rs.length === 0) continue;
  const cell = (m) => {
    const c = meanCi(rs.map((r) => r.mean[m]));
    return `${f3(c.mean)}${Number.isFinite(c.half) ? ` ± ${f3(c.half)}` : ''}`;
  };
  summary[row] = Object.fromEntries(
    [...METRICS, 'trainMinutes'].map((m) => [
      m,
      meanCi(rs.map((r) => (m === 'trainMinutes' ? r.trainMinutes : r.mean[m]))),
    ]),
  );
  md += `| ${ROW_NAMES[row]} | ${rs.length} | ${['aji', 'pq', 'dq', 'sq', 'f1', 'objectDice', 'pixelDice'].map(cell).join(' | ')} | ${summary[row].trainMinutes.mean.toFixed(1)} |\n`;
}
for (const [name, v] of PUBLISHED) md += `| ${name} | | ${f3(v.aji)} | ${f3(v.pq)} | | | | | ${f3(v.pixelDice)} | |\n`;
md += `\nSteps: ${steps ?? 'the CLI default'}; backend: ${backend}. Published rows are on the official MoNuSeg test tiles, not these folds.\n`;
const withErrors = results.filter((r) => r.errors);
if (withErrors.length > 0) {
  md += `\nWhere the instances go wrong (instanceErrors, summed over the held-out tiles of the runs that recorded them; % of the ground-truth / segmented objects):\n\n| row | runs | nuclei | matched | merged | misshapen | split | missed | segmented | merges | fragments | spurious |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n`;
  for (const row of rows) {
    const rs = withErrors.filter((r) => r.row === row);
    if (rs.length === 0) continue;
    const e = sumInstanceErrors(rs.map((r) => r.errors));
    const pct = (v, total) => `${((100 * v) / total).toFixed(1)}%`;
    const g = e.groundTruth;
    const sg = e.segmented;
    md += `| ${ROW_NAMES[row]} | ${rs.length} | ${g.total} | ${['matched', 'merged', 'misshapen', 'split', 'missed'].map((k) => pct(g[k], g.total)).join(' | ')} | ${sg.total} | ${['merges', 'fragments', 'spurious'].map((k) => pct(sg[k], sg.total)).join(' | ')} |\n`;
  }
}
// Paired comparison of every further row with the first, over the (seed, fold) runs both have: the
// validation AJI with what each model was fitted (its own validation tiles) decides; the held-out
// AJI and PQ are reported beside it, never used to choose.
const comparisons = {};
const base = rows[0];
for (const row of rows.slice(1)) {
  const pairs = results
    .filter((r) => r.row === row)
    .map((r) => [results.find((b) => b.row === base && b.seed === r.seed && b.fold === r.fold), r])
    .filter(([b]) => b !== undefined);
  if (pairs.length === 0) continue;
  if (Object.keys(comparisons).length === 0) {
    md += `
Paired with ${ROW_NAMES[base]} (row − ${base} per seed and fold; mean ± 95% t-interval over the pairs; the validation AJI decides):

| row | pairs | val. AJI fitted (decides) | held-out AJI | held-out PQ |
|---|---|---|---|---|
`;
  }
  const diff = (value) => {
    const d = pairs.map(([b, r]) => value(r) - value(b));
    return { perPair: d, ...meanCi(d) };
  };
  const c = {
    pairs: pairs.map(([, r]) => ({ seed: r.seed, fold: r.fold })),
    validationAji: diff((r) => r.tunedValidationAji ?? Number.NaN),
    aji: diff((r) => r.mean.aji),
    pq: diff((r) => r.mean.pq),
  };
  comparisons[row] = c;
  const signed = (v) => (v >= 0 ? '+' : '') + f3(v);
  const cell = (x) =>
    `${x.perPair.map(signed).join(', ')}; mean ${signed(x.mean)}${Number.isFinite(x.half) ? ` [${signed(x.mean - x.half)}, ${signed(x.mean + x.half)}]` : ''}`;
  md += `| ${ROW_NAMES[row]} | ${pairs.length} | ${cell(c.validationAji)} | ${cell(c.aji)} | ${cell(c.pq)} |
`;
}
console.log(md);
writeJson(outFile, { rows, seeds, folds, steps: steps ?? 'default', results, summary, comparisons, markdown: md });
