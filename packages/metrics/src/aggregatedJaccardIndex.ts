import { ajiFromTable, prepareTable } from './internal/instanceScores';
import type { LabelMapInput } from './types';

/**
 * Aggregated Jaccard Index (AJI) of a nuclei instance segmentation against its ground truth, as
 * Kumar et al. (2017, IEEE TMI) define it.
 *
 * **When to use**: the AJI column of nuclei segmentation papers (MoNuSeg and others) for one image;
 * average it over images (as `evaluate` with `metrics: 'nuclei'` does) for a test set. It rewards
 * both detection and pixel accuracy, but punishes a segmented object that covers several nuclei
 * twice (its area enters the union once per nucleus it serves); `aggregatedJaccardIndexPlus` avoids
 * that.
 *
 * **Details**: IoU(g, s) = |g ∩ s| / |g ∪ s|. For each ground-truth object g, the segmented object s
 * with the largest IoU among those overlapping g is taken (ties → smallest label); then
 * C += |g ∩ s|, U += |g ∪ s| and s is marked used — one s may serve several g. A g overlapping no
 * segmented object adds |g| to U. Finally every segmented object never used adds its area to U.
 * AJI = C / U. (Kumar et al.'s MATLAB code takes the argmax over all segmented objects even when
 * every IoU is 0, pairing such a g with an arbitrary s; here it is simply unmatched, as in
 * HoVer-Net's `get_fast_aji`.)
 *
 * Edge cases: both maps empty → 1; exactly one empty → 0. Labels as for `f1Score`: 0 is background,
 * a label in several pieces is one object, labels may be non-consecutive and up to 2^32 − 1. Throws
 * `SizeMismatchError` when the maps differ in size, `ShapeError`/`LabelValueError` for bad maps.
 *
 * @example
 * const gt = { width: 6, height: 1, data: new Uint8Array([1, 1, 2, 2, 0, 0]) };
 * const seg = { width: 6, height: 1, data: new Uint8Array([7, 7, 7, 7, 0, 9]) };
 * // G1 and G2 both take S7 (IoU 1/2 each): C = 2 + 2, U = 4 + 4; S9 unused: U += 1
 * aggregatedJaccardIndex(seg, gt); // 4/9
 */
export function aggregatedJaccardIndex(segmentation: LabelMapInput, groundTruth: LabelMapInput): number {
  return ajiFromTable(prepareTable(segmentation, groundTruth));
}
