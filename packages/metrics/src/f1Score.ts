import { detectionCounts, prepare, resolveFnRule, scoresFromCounts } from './internal/imageScores';
import type { FnRule, LabelMapInput } from './types';

export interface F1ScoreOptions {
  /**
   * How false negatives are counted. `'official'` (default): ground-truth objects that are the
   * match of no segmented object, as the Warwick GlaS evaluation code (`F1score.m`) does.
   * `'unmatched'`: FN = numG − TP, the written definition of the challenge paper.
   */
  readonly fnRule?: FnRule;
}

/** Detection scores of one image (or, from `evaluate`, of a pooled set). */
export interface F1Result {
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/**
 * Object-level detection F1 of a segmentation against its ground truth, GlaS-exact.
 *
 * **When to use**: the "F1" column of the GlaS challenge for one image. For a whole test part use
 * `evaluate` (which pools TP/FP/FN over all images, as the challenge does).
 *
 * **Details**: each segmented object is matched to the ground-truth object that covers most of its
 * pixels (background never counts; ties → smallest label). It is a true positive when it covers
 * **strictly more than 50%** of that ground-truth object's area (exactly 50% is not enough); every
 * other segmented object is a false positive. FN per `fnRule` (see `F1ScoreOptions`); with
 * `'official'` a ground-truth object matched only by a ≤ 50% segmented object is neither TP nor FN,
 * so TP + FN may be less than the number of ground-truth objects.
 * `precision = TP/(TP+FP)`, `recall = TP/(TP+FN)`, `f1 = 2TP/(2TP+FP+FN)` (= 2PR/(P+R)).
 *
 * Edge cases: both maps empty → f1 = precision = recall = 1 (TP = FP = FN = 0). Exactly one empty →
 * f1 = 0 (with TP = 0, FP = numS, FN = numG; precision and recall 0). A ratio with a zero
 * denominator (e.g. recall when TP = FN = 0 under `'official'`) is 0, never NaN. Labels are objects as
 * given (never split by connectivity); any non-negative integer labels, consecutive or not.
 * Throws `SizeMismatchError` when the maps differ in size, `ShapeError`/`LabelValueError` for bad maps.
 *
 * @example
 * const gt = { width: 4, height: 1, data: new Uint8Array([1, 1, 2, 2]) };
 * const seg = { width: 4, height: 1, data: new Uint8Array([5, 5, 5, 0]) };
 * f1Score(seg, gt); // { f1: 2/3, precision: 1, recall: 0.5, tp: 1, fp: 0, fn: 1 }
 */
export function f1Score(
  segmentation: LabelMapInput,
  groundTruth: LabelMapInput,
  options: F1ScoreOptions = {},
): F1Result {
  const rule = resolveFnRule(options.fnRule);
  const counts = detectionCounts(prepare(segmentation, groundTruth), rule);
  return { ...scoresFromCounts(counts.tp, counts.fp, counts.fn), ...counts };
}
