import { InvalidArgumentError } from '@qfcn/contract';
import type { DescriptorVector } from './types';

function isVector(value: unknown): value is DescriptorVector {
  return ArrayBuffer.isView(value) || (Array.isArray(value) && (value.length === 0 || typeof value[0] === 'number'));
}

function cosine(a: DescriptorVector, b: DescriptorVector, what: string): number {
  if (a.length !== b.length) throw new InvalidArgumentError(what, `vectors have lengths ${a.length} and ${b.length}`);
  if (a.length === 0) throw new InvalidArgumentError(what, 'vectors are empty');
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  if (!Number.isFinite(ab + aa + bb)) throw new InvalidArgumentError(what, 'vectors contain NaN or infinite values');
  if (aa === 0 || bb === 0) return 0;
  return ab / (Math.sqrt(aa) * Math.sqrt(bb));
}

/**
 * Cosine similarity of two image descriptors, `a·b / (|a| |b|)`, in [-1, 1].
 *
 * **When to use**: the similarity `sim(Ii, Ij)` of [Yang17] between two images. For whole pools use
 * `similarityMatrix` (vectorized, normalizes each vector once).
 *
 * **Details**: computed in float64. A zero vector has cosine 0 with everything (it carries no
 * direction). When `a` and `b` are arrays of per-member vectors (one per ensemble member), the result
 * is the mean over members of the member cosines; both must have the same number of members.
 * Different lengths, empty vectors and NaN/infinite values throw `InvalidArgumentError`.
 *
 * @example
 * cosineSimilarity([1, 0], [1, 1]); // 0.7071067811865475
 * cosineSimilarity([[1, 0], [0, 1]], [[1, 0], [1, 0]]); // (1 + 0) / 2 = 0.5
 */
export function cosineSimilarity(
  a: DescriptorVector | readonly DescriptorVector[],
  b: DescriptorVector | readonly DescriptorVector[],
): number {
  const aVector = isVector(a);
  const bVector = isVector(b);
  if (aVector && bVector) return cosine(a, b, 'a, b');
  if (aVector !== bVector)
    throw new InvalidArgumentError('a, b', 'one is a vector, the other an array of per-member vectors');
  const am = a as readonly DescriptorVector[];
  const bm = b as readonly DescriptorVector[];
  if (!Array.isArray(am) || !Array.isArray(bm))
    throw new InvalidArgumentError('a, b', 'expected vectors or arrays of vectors');
  if (am.length !== bm.length) throw new InvalidArgumentError('a, b', `${am.length} and ${bm.length} members`);
  if (am.length === 0) throw new InvalidArgumentError('a, b', 'no members');
  let sum = 0;
  for (let m = 0; m < am.length; m++) {
    if (!isVector(am[m]) || !isVector(bm[m])) throw new InvalidArgumentError('a, b', `member ${m} is not a vector`);
    sum += cosine(am[m], bm[m], `a, b (member ${m})`);
  }
  return sum / am.length;
}
