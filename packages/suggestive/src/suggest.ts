import { InvalidArgumentError } from '@qfcn/contract';
import { packDescriptors } from './descriptors';
import { greedyMaxCover } from './greedyMaxCover';
import { mostUncertain } from './mostUncertain';
import { similarityRowsOfPacked } from './similarityMatrix';
import type { Descriptors } from './types';

export interface SuggestInput {
  /** Uncertainty of each pool image (e.g. `imageUncertainty` of its member probabilities). */
  readonly uncertainty: ArrayLike<number>;
  /** One descriptor per pool image, or per image one descriptor per ensemble member. Same order as `uncertainty`. */
  readonly descriptors: Descriptors;
  /** How many of the most uncertain images become candidates. Default 16 ([Yang17]). Clamped to the pool size. */
  readonly K?: number;
  /** How many candidates to select. Default 8 ([Yang17]). Must be ≤ K; clamped to the pool size. */
  readonly k?: number;
  /** Lazy greedy (default true); same picks as plain greedy. */
  readonly lazy?: boolean;
}

export interface Suggestion {
  /** Pool indices of the K most uncertain images, most uncertain first (ties → lower index). */
  readonly candidates: number[];
  /** Pool indices of the k chosen candidates, in the order the greedy picked them. */
  readonly selected: number[];
  /** Increase of F at each pick (why each image was chosen: how much of the pool it newly represents). */
  readonly gains: number[];
  /** `F(selected, pool) = Σ_{x ∈ pool} max_{c ∈ selected} cos(c, x)`. */
  readonly representativeness: number;
}

/**
 * One round of suggestive annotation ([Yang17]): the K most uncertain images become candidates, then k
 * of them are chosen greedily to maximize how well they represent the **whole** pool,
 * `F = Σ_{x ∈ pool} max_{c ∈ selected} cos(c, x)`.
 *
 * **When to use**: given scores of the unannotated pool (from `scorePool`, or your own ensemble), to get
 * the next images to annotate. `runSuggestiveAnnotation` calls it every round.
 *
 * **Details**: only the K × N candidate-to-pool cosines are computed (O(K · N · dim · members)); with
 * per-member descriptors the similarity is the mean of member cosines. Candidate ties → lower index;
 * greedy ties → lower index (see `greedyMaxCover`). A pool smaller than K gives all images as candidates
 * and at most N selections. Throws `InvalidArgumentError` for mismatched lengths, k > K, non-positive
 * or fractional K/k, NaN scores and malformed descriptors.
 *
 * @example
 * suggest({ uncertainty: [0.9, 0.8, 0.1, 0.7], descriptors: [[1, 0], [1, 0.1], [1, 0.05], [0, 1]], K: 3, k: 2 });
 * // candidates [0, 1, 3]; selected [1, 3]: image 1 represents the first three images best, image 3 the last
 */
export function suggest(input: SuggestInput): Suggestion {
  if (input == null || typeof input !== 'object')
    throw new InvalidArgumentError('input', 'expected { uncertainty, descriptors, K, k }');
  const { uncertainty, descriptors, K = 16, k = 8, lazy = true } = input;
  if (!Number.isInteger(K) || K < 1) throw new InvalidArgumentError('K', `${K} must be a positive integer`);
  if (!Number.isInteger(k) || k < 1) throw new InvalidArgumentError('k', `${k} must be a positive integer`);
  if (k > K) throw new InvalidArgumentError('k', `${k} selections cannot come from ${K} candidates (k must be ≤ K)`);
  const packed = packDescriptors(descriptors);
  if (uncertainty == null || uncertainty.length !== packed.count) {
    throw new InvalidArgumentError(
      'uncertainty',
      `has ${uncertainty?.length} scores for ${packed.count} descriptors (one score per pool image)`,
    );
  }
  const candidates = mostUncertain(uncertainty, { count: K });
  const rows = similarityRowsOfPacked(packed, candidates);
  const cover = greedyMaxCover(rows, { k: Math.min(k, candidates.length), lazy });
  return { candidates, selected: cover.selected, gains: cover.gains, representativeness: cover.value };
}
