import { ajiPlusFromTable, prepareTable } from './internal/instanceScores';
import type { LabelMapInput } from './types';

/**
 * AJI+ of a nuclei instance segmentation against its ground truth: the Aggregated Jaccard Index with
 * a one-to-one pairing, as Graham et al. (2019, Medical Image Analysis, HoVer-Net) introduce it.
 *
 * **When to use**: next to (or instead of) AJI when under-segmentation should not be punished twice:
 * with AJI a segmented object that covers two nuclei adds its area to the union once per nucleus;
 * with AJI+ each segmented object is paired with at most one nucleus.
 *
 * **Details**: IoU(g, s) = |g ∩ s| / |g ∪ s|. All overlapping (g, s) pairs are sorted by IoU
 * descending — equal IoU → smaller ground-truth label first, then smaller segmented label — and taken
 * greedily: a pair is paired when neither its g nor its s is paired yet. C sums |g ∩ s| and U sums
 * |g ∪ s| over the paired pairs; every unpaired g and every unpaired s adds its area to U.
 * AJI+ = C / U. Note: HoVer-Net's `get_fast_aji_plus` pairs by a maximum-total-IoU assignment
 * (Hungarian); the greedy pairing gives the same pairs whenever no object has two candidate partners
 * competing at IoU ≤ ½ (above ½ pairs are unique anyway), and can differ slightly otherwise.
 *
 * Edge cases: both maps empty → 1; exactly one empty → 0. Labels as for `f1Score` (0 background, a
 * label in several pieces is one object, any non-negative integer labels). Throws `SizeMismatchError`
 * when the maps differ in size, `ShapeError`/`LabelValueError` for bad maps.
 *
 * @example
 * const gt = { width: 6, height: 1, data: new Uint8Array([1, 1, 2, 2, 0, 0]) };
 * const seg = { width: 6, height: 1, data: new Uint8Array([7, 7, 7, 7, 0, 9]) };
 * // pairs (G1, S7) and (G2, S7) tie at IoU 1/2 → G1 takes S7: C = 2, U = 4; G2 (2 px) and S9 (1 px) unpaired
 * aggregatedJaccardIndexPlus(seg, gt); // 2/7
 */
export function aggregatedJaccardIndexPlus(segmentation: LabelMapInput, groundTruth: LabelMapInput): number {
  return ajiPlusFromTable(prepareTable(segmentation, groundTruth));
}
