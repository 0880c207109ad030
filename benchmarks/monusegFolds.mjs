// The cross-validation folds of the 13 shared MoNuSeg tiles, shared by monuseg-cv.bench.mjs (which
// trains on them), monuseg-refit.bench.mjs and precise-bn.probe.mjs (which re-score those models): tiles sorted by id,
// tile i held out in fold i mod 4 (4/3/3/3 held-out tiles).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
 * What `qfcn train` did with fold `fold` of a monuseg-cv row: its model folder under `store`
 * (`<row>-seed<seed>-fold<fold>/model`), the fold's held-out tiles, and the split of its training
 * tiles into `fitted` (trained on) and `validation` (held out by the CLI: 15%, the run's seed).
 * `splitValidation` is @qfcn/fcn's, passed in so that this module stays free of tfjs.
 */
export function cvRun(ids, store, row, seed, fold, splitValidation) {
  const { train, test } = monusegFold(ids, fold);
  const { validation, train: fitted } = splitValidation(train, { fraction: 0.15, seed });
  return { modelDir: join(store, `${row}-seed${seed}-fold${fold}`, 'model'), train, test, validation, fitted };
}
