// The cross-validation folds of the 13 shared MoNuSeg tiles, shared by monuseg-cv.bench.mjs (which
// trains on them) and monuseg-refit.bench.mjs (which re-scores those models): tiles sorted by id,
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
