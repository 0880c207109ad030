import {
  combineHalves,
  hausdorffSums,
  prepare,
  resolveEmptyDistance,
  type EmptyDistance,
} from './internal/imageScores';
import type { LabelMapInput } from './types';

export interface ObjectHausdorffOptions {
  /**
   * The distance of an object from "nothing", used when the other map has no object at all (the
   * official code fails there). `'diagonal'` (default): the image diagonal `sqrt(width² + height²)`,
   * strictly larger than the Hausdorff distance between any two non-empty pixel sets of the image,
   * so an empty prediction always scores worse than any non-empty one and pooled scores stay finite.
   * A number (≥ 0) is used as is; pass `Infinity` for the mathematical convention.
   */
  readonly emptyDistance?: EmptyDistance;
}

/**
 * Object-level Hausdorff distance of a segmentation against its ground truth, GlaS-exact, in pixels.
 *
 * **When to use**: the "Object Hausdorff" column of the GlaS challenge for one image (lower is
 * better). For a whole test part use `evaluate`.
 *
 * **Details**: `½[Σ_i ω_i H(S_i, G*(S_i)) + Σ_j ω̃_j H(G_j, S*(G_j))]`, weights as in `objectDice`.
 * `H` is the symmetric Hausdorff distance between the **full pixel sets** (Euclidean, pixel centres
 * at integer coordinates). The partner `G*(S_i)` is the object covering most of `S_i` (background
 * never counts; ties → smallest label); an object that overlaps nothing is paired with the object of
 * the other map at the smallest Hausdorff distance (ties → smallest label). Computed with
 * bounding-box-local exact distance transforms: linear in the window area, not quadratic in object
 * size, and exact (squared distances are integers).
 *
 * Edge cases: both maps empty → 0. Exactly one empty → `emptyDistance` (default: image diagonal,
 * see `ObjectHausdorffOptions`). Labels are objects as given (a label in two pieces is one object).
 * Throws `SizeMismatchError` when the maps differ in size.
 *
 * @example
 * const gt = { width: 5, height: 1, data: new Uint8Array([1, 1, 0, 0, 0]) };
 * const seg = { width: 5, height: 1, data: new Uint8Array([0, 1, 1, 1, 0]) };
 * objectHausdorff(seg, gt); // seg pixel 3 is 2 px from the nearest GT pixel (1): H = 2 on both sides → 2
 */
export function objectHausdorff(
  segmentation: LabelMapInput,
  groundTruth: LabelMapInput,
  options: ObjectHausdorffOptions = {},
): number {
  const m = prepare(segmentation, groundTruth);
  const empty = resolveEmptyDistance(options.emptyDistance, m.s.width, m.s.height);
  return combineHalves(hausdorffSums(m, empty), 0);
}
