import { InvalidArgumentError } from '@qfcn/contract';

/**
 * Uncertainty of one image under an ensemble ([Yang17]): per pixel, the population variance of the
 * object probability across the members (sum of squared deviations divided by the number of members),
 * averaged over the pixels.
 *
 * **When to use**: to rank unannotated images for annotation; feed `MemberOutputs.objectProbabilities`.
 *
 * **Details**: two-pass per pixel (mean, then squared deviations) in float64, so it is exact for
 * equal members (0) and stable near 0. One member gives 0. Values are not range-checked (the variance
 * is defined for any reals) but NaN/infinite values throw. Throws `InvalidArgumentError` for no
 * members, maps of different lengths, or empty maps. Range for probabilities: [0, 0.25].
 *
 * @example
 * imageUncertainty([new Float32Array([0, 1]), new Float32Array([1, 1])]);
 * // pixel 0: values 0, 1 → variance 0.25; pixel 1: 1, 1 → 0; mean 0.125
 */
export function imageUncertainty(memberProbabilities: readonly ArrayLike<number>[]): number {
  if (!Array.isArray(memberProbabilities)) {
    throw new InvalidArgumentError('memberProbabilities', 'expected an array with one probability map per member');
  }
  const members = memberProbabilities.length;
  if (members === 0) throw new InvalidArgumentError('memberProbabilities', 'needs at least one member');
  for (let m = 0; m < members; m++) {
    const map = memberProbabilities[m];
    if (map == null || typeof map.length !== 'number') {
      throw new InvalidArgumentError('memberProbabilities', `member ${m} is not an array of probabilities`);
    }
  }
  const pixels = memberProbabilities[0].length;
  if (pixels === 0) throw new InvalidArgumentError('memberProbabilities', 'probability maps are empty');
  for (let m = 1; m < members; m++) {
    if (memberProbabilities[m].length !== pixels) {
      throw new InvalidArgumentError(
        'memberProbabilities',
        `member ${m} has ${memberProbabilities[m].length} pixels, member 0 has ${pixels}`,
      );
    }
  }
  const mean = new Float64Array(pixels);
  for (let m = 0; m < members; m++) {
    const map = memberProbabilities[m];
    for (let i = 0; i < pixels; i++) mean[i] += map[i];
  }
  for (let i = 0; i < pixels; i++) mean[i]! /= members;
  let total = 0;
  for (let m = 0; m < members; m++) {
    const map = memberProbabilities[m];
    for (let i = 0; i < pixels; i++) {
      const d = map[i] - mean[i]!;
      total += d * d;
    }
  }
  const result = total / members / pixels;
  if (!Number.isFinite(result)) {
    throw new InvalidArgumentError('memberProbabilities', 'probability maps contain NaN or infinite values');
  }
  return result;
}
