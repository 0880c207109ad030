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
  /** How many of the most uncertain images become candidates ([Yang17]'s K). Default 16. Clamped to the pool size. */
  readonly candidates?: number;
  /** How many of the candidates to pick ([Yang17]'s k). Default 8. Must be ≤ `candidates`; clamped to the pool size. */
  readonly picks?: number;
  /** Lazy greedy (default true); same picks as plain greedy. */
  readonly lazy?: boolean;
}

export interface Suggestion {
  /** Pool indices of the `candidates` most uncertain images, most uncertain first (ties → lower index). */
  readonly candidates: number[];
  /** Pool indices of the `picks` chosen candidates, in the order the greedy picked them. */
  readonly selected: number[];
  /** Increase of F at each pick (why each image was chosen: how much of the pool it newly represents). */
  readonly gains: number[];
  /** `F(selected, pool) = Σ_{x ∈ pool} max_{c ∈ selected} cos(c, x)`. */
  readonly representativeness: number;
}

/**
 * One round of suggestive annotation ([Yang17]): the `candidates` most uncertain images (the paper's K) become
 * candidates, then `picks` (k) of them are chosen greedily to maximize how well they represent the **whole** pool,
 * `F = Σ_{x ∈ pool} max_{c ∈ selected} cos(c, x)`.
 *
 * **When to use**: given scores of the unannotated pool (from `scorePool`, or your own ensemble), to get
 * the next images to annotate. `runSuggestiveAnnotation` calls it every round.
 *
 * **Details**: only the candidates × N candidate-to-pool cosines are computed (O(candidates · N · dim · members)); with
 * per-member descriptors the similarity is the mean of member cosines. Candidate ties → lower index;
 * greedy ties → lower index (see `greedyMaxCover`). A pool smaller than `candidates` gives all images as candidates
 * and at most N selections. Throws `InvalidArgumentError` for mismatched lengths, picks > candidates,
 * non-positive or fractional counts, NaN scores and malformed descriptors.
 *
 * @example
 * suggest({ uncertainty: [0.9, 0.8, 0.1, 0.7], descriptors: [[1, 0], [1, 0.1], [1, 0.05], [0, 1]], candidates: 3, picks: 2 });
 * // candidates [0, 1, 3]; selected [1, 3]: image 1 represents the first three images best, image 3 the last
 */
export function suggest(input: SuggestInput): Suggestion {
  if (input == null || typeof input !== 'object')
    throw new InvalidArgumentError('input', 'expected { uncertainty, descriptors, candidates, picks }');
  const { uncertainty, descriptors, candidates: K = 16, picks: k = 8, lazy = true } = input;
  if (!Number.isInteger(K) || K < 1) throw new InvalidArgumentError('candidates', `${K} must be a positive integer`);
  if (!Number.isInteger(k) || k < 1) throw new InvalidArgumentError('picks', `${k} must be a positive integer`);
  if (k > K)
    throw new InvalidArgumentError('picks', `${k} picks cannot come from ${K} candidates (picks must be ≤ candidates)`);
  const packed = packDescriptors(descriptors);
  if (uncertainty == null || uncertainty.length !== packed.count) {
    throw new InvalidArgumentError(
      'uncertainty',
      `has ${uncertainty?.length} scores for ${packed.count} descriptors (one score per pool image)`,
    );
  }
  const candidates = mostUncertain(uncertainty, { count: K });
  const rows = similarityRowsOfPacked(packed, candidates);
  const cover = greedyMaxCover(rows, { count: Math.min(k, candidates.length), lazy });
  return { candidates, selected: cover.selected, gains: cover.gains, representativeness: cover.value };
}
