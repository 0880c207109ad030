import { InvalidArgumentError } from '@qfcn/contract';
import type { DescriptorVector, Descriptors } from './types';

/**
 * Descriptors packed for fast cosines (internal): per member, a contiguous `count × dim` Float32Array
 * copy and the inverse L2 norm (of the float32 copy) of each vector (0 for a zero vector, so its cosine with anything is 0).
 */
export interface PackedDescriptors {
  readonly count: number;
  readonly dim: number;
  readonly members: number;
  /** `members` arrays, each `count * dim` long. */
  readonly data: Float32Array[];
  /** `members` arrays, each `count` long. */
  readonly inverseNorms: Float64Array[];
}

function isVector(value: unknown): value is DescriptorVector {
  if (ArrayBuffer.isView(value)) return true;
  return Array.isArray(value) && (value.length === 0 || typeof value[0] === 'number');
}

/**
 * Validates and packs descriptors. Errors name the image (and member) at fault: empty pool, mixed
 * single/per-member forms, differing member counts or dimensions, empty vectors, non-finite values.
 */
export function packDescriptors(descriptors: Descriptors, argument = 'descriptors'): PackedDescriptors {
  if (!Array.isArray(descriptors))
    throw new InvalidArgumentError(argument, 'expected an array with one entry per image');
  const count = descriptors.length;
  if (count === 0) throw new InvalidArgumentError(argument, 'the pool is empty (no descriptors)');
  const first = descriptors[0] as unknown;
  const perMember = !isVector(first);
  const vectorsOf = (i: number): readonly DescriptorVector[] => {
    const entry = descriptors[i] as unknown;
    if (perMember) {
      if (!Array.isArray(entry) || isVector(entry)) {
        throw new InvalidArgumentError(argument, `image ${i}: expected an array of per-member vectors like image 0`);
      }
      return entry as readonly DescriptorVector[];
    }
    if (!isVector(entry)) throw new InvalidArgumentError(argument, `image ${i}: expected one vector like image 0`);
    return [entry];
  };
  const firstVectors = vectorsOf(0);
  const members = firstVectors.length;
  if (members === 0) throw new InvalidArgumentError(argument, 'image 0 has no member descriptors');
  if (!isVector(firstVectors[0])) throw new InvalidArgumentError(argument, 'image 0 member 0 is not a vector');
  const dim = firstVectors[0].length;
  if (dim === 0) throw new InvalidArgumentError(argument, 'descriptors have length 0');
  const data = Array.from({ length: members }, () => new Float32Array(count * dim));
  const inverseNorms = Array.from({ length: members }, () => new Float64Array(count));
  for (let i = 0; i < count; i++) {
    const vectors = vectorsOf(i);
    if (vectors.length !== members) {
      throw new InvalidArgumentError(
        argument,
        `image ${i} has ${vectors.length} member descriptors, image 0 has ${members}`,
      );
    }
    for (let m = 0; m < members; m++) {
      const v = vectors[m];
      if (!isVector(v)) throw new InvalidArgumentError(argument, `image ${i} member ${m} is not a vector`);
      if (v.length !== dim) {
        throw new InvalidArgumentError(
          argument,
          `image ${i}${perMember ? ` member ${m}` : ''} has length ${v.length}, expected ${dim}`,
        );
      }
      const out = data[m]!;
      const offset = i * dim;
      let sq = 0;
      for (let j = 0; j < dim; j++) {
        const x = Math.fround(v[j]!);
        out[offset + j] = x;
        sq += x * x;
      }
      if (!Number.isFinite(sq)) {
        throw new InvalidArgumentError(
          argument,
          `image ${i}${perMember ? ` member ${m}` : ''} contains NaN or infinite values`,
        );
      }
      inverseNorms[m]![i] = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    }
  }
  return { count, dim, members, data, inverseNorms };
}
