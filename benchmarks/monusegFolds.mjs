// The cross-validation folds of the 13 shared MoNuSeg tiles, shared by monuseg-cv.bench.mjs (which
// trains on them), monuseg-refit.bench.mjs and precise-bn.probe.mjs (which re-score those models): tiles sorted by id,
// tile i held out in fold i mod 4 (4/3/3/3 held-out tiles).
import { readdirSync } from 'node:fs';

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
