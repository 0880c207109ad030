import { combineHalves, diceSums, prepare } from './internal/imageScores';
import type { LabelMapInput } from './types';

/**
 * Object-level Dice index of a segmentation against its ground truth, GlaS-exact.
 *
 * **When to use**: the "Object Dice" column of the GlaS challenge for one image. For a whole test
 * part use `evaluate` (which weights all objects of all images together, as the challenge does).
 *
 * **Details**: `½[Σ_i ω_i Dice(S_i, G(S_i)) + Σ_j ω̃_j Dice(G_j, S(G_j))]` with `ω_i = |S_i|/Σ|S|`
 * and `ω̃_j = |G_j|/Σ|G|`. `G(S_i)` is the ground-truth object covering most of `S_i`'s pixels
 * (background never counts; ties → smallest label), likewise `S(G_j)`. An object overlapping nothing
 * is compared with the empty set: Dice 0.
 *
 * Edge cases: both maps empty → 1; exactly one empty → 0. Labels are objects as given (a label in
 * two pieces is one object); labels may be non-consecutive and above 65535. Throws
 * `SizeMismatchError` when the maps differ in size.
 *
 * @example
 * const gt = { width: 4, height: 1, data: new Uint8Array([1, 1, 2, 2]) };
 * const seg = { width: 4, height: 1, data: new Uint8Array([5, 5, 5, 0]) };
 * objectDice(seg, gt); // S side: Dice(S5, G1) = 0.8; G side: ½·0.8 + ½·Dice(G2, S5) = ½·0.8 + ½·0.4 = 0.6 → 0.7
 */
export function objectDice(segmentation: LabelMapInput, groundTruth: LabelMapInput): number {
  return combineHalves(diceSums(prepare(segmentation, groundTruth)), 1);
}
