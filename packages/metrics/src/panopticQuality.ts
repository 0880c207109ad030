import { panopticFromTable, prepareTable, resolveIouThreshold } from './internal/instanceScores';
import type { LabelMapInput } from './types';

export interface PanopticQualityOptions {
  /**
   * A segmented and a ground-truth object match when their IoU is **strictly greater** than this.
   * Default 0.5 (Kirillov et al.; HoVer-Net's `get_fast_pq`). Must be in [0.5, 1): only there is every
   * object matched at most once without an assignment step; anything else throws `InvalidArgumentError`.
   */
  readonly iouThreshold?: number;
}

/** Panoptic quality of one image: `pq = dq · sq`, with the detection counts behind `dq`. */
export interface PanopticQualityResult {
  /** Panoptic quality, DQ × SQ. */
  readonly pq: number;
  /** Detection quality, TP / (TP + ½FP + ½FN) (an F1 score of the matching). */
  readonly dq: number;
  /** Segmentation quality, the mean IoU of the matched pairs (0 when TP = 0). */
  readonly sq: number;
  /** Matched (segmented, ground-truth) pairs. */
  readonly tp: number;
  /** Segmented objects without a match. */
  readonly fp: number;
  /** Ground-truth objects without a match. */
  readonly fn: number;
}

/**
 * Panoptic quality (PQ) of a nuclei instance segmentation against its ground truth, with its
 * detection (DQ) and segmentation (SQ) factors, as Kirillov et al. (2019, CVPR) define it for one
 * class ("thing" objects), the form HoVer-Net (Graham et al. 2019) uses for nuclei.
 *
 * **When to use**: the PQ/DQ/SQ columns of nuclei segmentation papers for one image; average over
 * images (as `evaluate` with `metrics: 'nuclei'` does) for a test set.
 *
 * **Details**: IoU(g, s) = |g ∩ s| / |g ∪ s|. A (segmented, ground-truth) pair matches when its IoU
 * is strictly greater than `iouThreshold` (default 0.5; an IoU of exactly 0.5 is not a match; the
 * comparison is made on the IoU as a double, so an IoU equal to the decimal threshold, e.g. 7/10 at
 * 0.7, does not match either). Above 0.5 no object can match two others, so the matching is unique.
 * TP = matched pairs, FP = unmatched segmented objects, FN = unmatched ground-truth objects;
 * `dq = TP / (TP + ½FP + ½FN)`, `sq` = mean IoU of the matched pairs (0 when TP = 0), `pq = dq · sq`.
 *
 * Edge cases: both maps empty → pq = dq = sq = 1 with TP = FP = FN = 0; exactly one empty → 0, 0, 0.
 * Labels as for `f1Score` (0 background, a label in several pieces is one object, any non-negative
 * integer labels). Throws `InvalidArgumentError` for a threshold outside [0.5, 1),
 * `SizeMismatchError` when the maps differ in size, `ShapeError`/`LabelValueError` for bad maps.
 *
 * @example
 * const gt = { width: 6, height: 1, data: new Uint8Array([1, 1, 1, 2, 2, 0]) };
 * const seg = { width: 6, height: 1, data: new Uint8Array([5, 5, 5, 5, 0, 6]) };
 * // (G1, S5): IoU 3/4 → TP; G2 (IoU 1/5 with S5) → FN; S6 → FP
 * panopticQuality(seg, gt); // { pq: 0.375, dq: 0.5, sq: 0.75, tp: 1, fp: 1, fn: 1 }
 */
export function panopticQuality(
  segmentation: LabelMapInput,
  groundTruth: LabelMapInput,
  options: PanopticQualityOptions = {},
): PanopticQualityResult {
  const threshold = resolveIouThreshold(options.iouThreshold);
  return panopticFromTable(prepareTable(segmentation, groundTruth), threshold);
}
