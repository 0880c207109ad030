// The cross-validation folds of the 13 shared MoNuSeg tiles, shared by monuseg-cv.bench.mjs (which
// trains on them), monuseg-refit.bench.mjs and precise-bn.probe.mjs (which re-score those models): tiles sorted by id,
// tile i held out in fold i mod 4 (4/3/3/3 held-out tiles).
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { readLabelMap } from '@qfcn/data';
import { evaluate, instanceErrors, pixelDice } from '@qfcn/metrics';

export const FOLDS = 4;

/** The tile ids of a MoNuSeg folder (`<id>.png` beside `<id>_label.png`), sorted. */
export function monusegTileIds(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png') && !f.endsWith('_label.png'))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** The training and held-out ids of `fold`. */
export function monusegFold(ids, fold) {
  return { train: ids.filter((_, i) => i % FOLDS !== fold), test: ids.filter((_, i) => i % FOLDS === fold) };
}

/** Field-by-field sums of `instanceErrors` results (@qfcn/metrics), e.g. over the held-out tiles of a fold. */
export function sumInstanceErrors(list) {
  const add = (key) =>
    Object.fromEntries(Object.keys(list[0][key]).map((k) => [k, list.reduce((s, e) => s + e[key][k], 0)]));
  return { groundTruth: add('groundTruth'), segmented: add('segmented') };
}

/**
 * The probability maps of tile `id` of `data` (object, contour and, for a model with a distance head,
 * distance), cached as raw float32 planes in `<cacheDir>/<id>.bin`: `predict(id)` (resolving to the
 * model's output, as `FcnEnsemble.predict` gives it) runs only when the file is missing. `gt` is the
 * tile's ground truth, whose size the planes must have.
 */
export async function cachedMaps(cacheDir, id, gt, predict) {
  const file = join(cacheDir, `${id}.bin`);
  const n = gt.width * gt.height;
  if (!existsSync(file)) {
    const out = await predict(id);
    const planes = [out.object, out.contour, ...(out.distance ? [out.distance] : [])];
    const buf = new Float32Array(planes.length * n);
    planes.forEach((p, k) => buf.set(p.data, k * n));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(buf.buffer));
  }
  const b = new Float32Array(readFileSync(file).buffer.slice(0));
  if (b.length !== 2 * n && b.length !== 3 * n)
    throw new Error(`${file}: ${b.length} values, not 2 or 3 planes of ${n}`);
  const plane = (k) => ({ width: gt.width, height: gt.height, data: b.subarray(k * n, (k + 1) * n) });
  return { object: plane(0), contour: plane(1), ...(b.length === 3 * n ? { distance: plane(2) } : {}) };
}

/**
 * The name of a monuseg-cv run, `<row>-seed<seed>-fold<fold>`, `-steps<steps>` added for a
 * QFCN_CV_STEPS run: its result `<key>.json` and folder `<key>/` in the store, the probes' map caches.
 */
export function cvKey(row, seed, fold, steps) {
  return `${row}-seed${seed}-fold${fold}${steps ? `-steps${steps}` : ''}`;
}

/**
 * What `qfcn train` did with fold `fold` of a monuseg-cv row: its model folder under `store`
 * (`<key>/model`, key `<row>-seed<seed>-fold<fold>`, `-steps<steps>` added for a QFCN_CV_STEPS run),
 * the fold's held-out tiles, and the split of its training tiles into `fitted` (trained on) and
 * `validation` (held out by the CLI: 15%, the run's seed).
 * `splitValidation` is @qfcn/fcn's, passed in so that this module stays free of tfjs.
 */
export function cvRun(ids, store, row, seed, fold, splitValidation, steps) {
  const { train, test } = monusegFold(ids, fold);
  const { validation, train: fitted } = splitValidation(train, { fraction: 0.15, seed });
  const key = cvKey(row, seed, fold, steps);
  return { key, modelDir: join(store, key, 'model'), train, test, validation, fitted };
}

export const METRICS = ['aji', 'ajiPlus', 'pq', 'dq', 'sq', 'f1', 'objectDice', 'pixelDice'];

/**
 * Scores a saved model on held-out tiles as a newcomer would: `qfcn predict --model <model>` on copies
 * of the `test` tiles of `data` (in `<work>/test`, predictions in `<work>/pred`, both removed after),
 * then AJI, AJI+, PQ/DQ/SQ, GlaS F1 and object Dice (@qfcn/metrics `evaluate`) and pixel Dice per
 * tile, their means, and the `instanceErrors` sums. `cli` is the path of the built `qfcn` bin.
 */
export function scoreHeldOut({ cli, backend, model, data, test, work }) {
  const testDir = join(work, 'test');
  const pred = join(work, 'pred');
  mkdirSync(testDir, { recursive: true });
  for (const id of test) copyFileSync(join(data, `${id}.png`), join(testDir, `${id}.png`));
  const t1 = performance.now();
  runCli(cli, [
    'predict',
    '--model',
    model,
    '--images',
    testDir,
    '--out',
    pred,
    '--format',
    'png',
    '--no-overlay',
    '--backend',
    backend,
    '--quiet',
  ]);
  const inferenceSecondsPerTile = (performance.now() - t1) / 1000 / test.length;
  const pairs = test.map((id) => ({
    id,
    segmentation: readLabelMap(join(pred, `${id}_instances.png`)),
    groundTruth: readLabelMap(join(data, `${id}_label.png`)),
  }));
  const ev = evaluate(pairs, { metrics: 'all' });
  const perImage = ev.images.map((im, k) => ({
    id: im.id,
    ...Object.fromEntries(METRICS.filter((m) => m !== 'pixelDice').map((m) => [m, im[m]])),
    pixelDice: pixelDice(pairs[k].segmentation, pairs[k].groundTruth),
  }));
  const mean = Object.fromEntries(METRICS.map((m) => [m, perImage.reduce((s, r) => s + r[m], 0) / perImage.length]));
  // where the instances go wrong, summed over the held-out tiles
  const errors = sumInstanceErrors(pairs.map((p) => instanceErrors(p.segmentation, p.groundTruth)));
  for (const d of [testDir, pred]) rmSync(d, { recursive: true, force: true });
  return { mean, perImage, errors, inferenceSecondsPerTile };
}

/**
 * Runs the built `qfcn` bin with `args`, its output shown as it comes; resolves to what it wrote on
 * stderr (progress lines and the summary), rejects on a non-zero exit.
 */
export function runCliCaptured(cli, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePromise(err) : reject(new Error(`qfcn ${args[0]} failed (exit ${code})`)),
    );
  });
}

/** The validation AJI of the fitted post-processing, from `qfcn train`'s (piped) `[tune]` progress line. */
export function tunedValidationAji(stderr) {
  const m = /\[tune\] 1\/1 validationAji=([0-9.]+)/.exec(stderr);
  return m ? Number(m[1]) : undefined;
}

/** Runs the built `qfcn` bin with `args` (output shown); throws on a non-zero exit. */
export function runCli(cli, args) {
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`qfcn ${args[0]} failed (exit ${r.status})`);
}

/**
 * Fold `fold`'s training tiles copied to `<work>/train`, loaded and split as `qfcn train --seed
 * <seed>` splits them (15% validation): `{ train, test }` tile ids, `trainSamples`, `validation`.
 * `loadFolderDataset` (@qfcn/data/node) and `splitValidation` (@qfcn/fcn) are passed in so that this
 * module stays free of tfjs.
 */
export async function foldSamples({ ids, data, fold, seed, work, loadFolderDataset, splitValidation }) {
  const trainDir = join(work, 'train');
  mkdirSync(trainDir, { recursive: true });
  const { train, test } = monusegFold(ids, fold);
  for (const id of train)
    for (const f of [`${id}.png`, `${id}_label.png`]) copyFileSync(join(data, f), join(trainDir, f));
  const samples = Object.values((await loadFolderDataset(trainDir)).splits).flat();
  const { train: trainSamples, validation } = splitValidation(samples, { fraction: 0.15, seed });
  return { train, test, trainSamples, validation };
}

/**
 * The pixels of a true label map by where they lie (image border excluded): `touching`, the 1-px inner
 * edge where a nucleus meets another nucleus; `background`, where it meets only background;
 * `interior`, the rest of the nuclei. Lists of pixel indices.
 */
export function edgeKinds(gt) {
  const { width, height } = gt;
  const kinds = { touching: [], background: [], interior: [] };
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const l = gt.data[i];
      if (l === 0) continue;
      let other = false;
      let bg = false;
      for (const j of [i - 1, i + 1, i - width, i + width]) {
        if (gt.data[j] === 0) bg = true;
        else if (gt.data[j] !== l) other = true;
      }
      (other ? kinds.touching : bg ? kinds.background : kinds.interior).push(i);
    }
  }
  return kinds;
}

/** The comma-separated list of an environment variable (`fallback` when unset), trimmed, empty items dropped. */
export function envList(value, fallback) {
  return (value ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Writes `value` as JSON to `path` atomically (a temporary file renamed over it), creating its folder. */
export function writeJson(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(value, null, 2));
  renameSync(`${path}.tmp`, path);
}

/**
 * An `onProgress` for `trainEnsemble`/`trainFcn` in the probes: logs `<key>: <stage> <current>/<total>`
 * every 200 steps, at the end of each stage, and at every validation and tuning event (with its AJI).
 */
export function progressLogger(key) {
  let last = 0;
  return (e) => {
    if (e.stage.endsWith('validate') || e.stage === 'tune' || e.current - last >= 200 || e.current === e.total) {
      last = e.current;
      const v = e.values?.aji ?? e.values?.validationAji;
      console.log(`${key}: ${e.stage} ${e.current}/${e.total}${v === undefined ? '' : ` aji ${v.toFixed(3)}`}`);
    }
  };
}

/**
 * One FCN trained in-process as `qfcn train --seed <seed>` trains it (small preset, distance head,
 * `recipe` with the fold's `validation` tiles, checkpoints beside `model`), logged by
 * {@link progressLogger}; `onEvent` also sees every progress event. Resolves to the trained,
 * tuned `FcnEnsemble` (not yet saved). `trainEnsemble` (@qfcn/fcn) is passed in so that this module
 * stays free of tfjs.
 */
export function trainFoldModel({ trainEnsemble, trainSamples, validation, recipe, seed, model, key, onEvent }) {
  const log = progressLogger(key);
  return trainEnsemble(trainSamples, {
    members: 1,
    bootstrap: false,
    seed,
    model: { preset: 'small', distanceHead: true },
    train: { ...recipe, validation },
    checkpointDir: `${model}.checkpoints`,
    onProgress: (e) => {
      onEvent?.(e);
      log(e);
    },
  });
}
