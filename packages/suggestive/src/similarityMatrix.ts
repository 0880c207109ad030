import { InvalidArgumentError } from '@qfcn/contract';
import { packDescriptors, type PackedDescriptors } from './descriptors';
import type { Descriptors, SimilarityMatrix } from './types';

export interface SimilarityMatrixOptions {
  /**
   * Pool indices of the rows to compute (distinct, in the order wanted), e.g. the K candidates of a round.
   * Default: every image, i.e. the full N × N matrix (N² numbers: use rows for large pools).
   */
  readonly rows?: readonly number[];
}

/**
 * Cosine similarities of chosen images (rows) to every image of the pool (columns).
 *
 * **When to use**: to evaluate representativeness or run `greedyMaxCover` yourself; `suggest` calls it
 * with the K candidates as rows. Only K × N similarities are needed for a round, never N × N.
 *
 * **Details**: descriptors are copied to float32 and each vector's L2 norm is computed once; each entry
 * is `dot(a, b) / (|a| |b|)` accumulated in float64 (O(rows · N · dim) multiply-adds). A zero vector has
 * cosine 0 with everything (itself included). With per-member descriptors the entry is the mean over
 * members of the member cosines. Throws `InvalidArgumentError` for an empty pool, mixed or ragged
 * descriptors, non-finite values, and rows that are out of range, non-integer or repeated.
 *
 * @example
 * const s = similarityMatrix([[1, 0], [1, 1], [0, 1]], { rows: [1] });
 * // s.rowIndices = [1], s.columns = 3, s.values ≈ [0.7071, 1, 0.7071]
 */
export function similarityMatrix(descriptors: Descriptors, options: SimilarityMatrixOptions = {}): SimilarityMatrix {
  const packed = packDescriptors(descriptors);
  return similarityRowsOfPacked(packed, options.rows ?? Array.from({ length: packed.count }, (_, i) => i));
}

/** Validates row indices against a pool of `count` images (internal). */
export function checkRowIndices(rows: readonly number[], count: number, argument = 'rows'): void {
  if (!Array.isArray(rows)) throw new InvalidArgumentError(argument, 'expected an array of pool indices');
  const seen = new Set<number>();
  for (const r of rows) {
    if (!Number.isInteger(r) || r < 0 || r >= count) {
      throw new InvalidArgumentError(argument, `${r} is not a pool index (pool has ${count} images)`);
    }
    if (seen.has(r)) throw new InvalidArgumentError(argument, `pool index ${r} is repeated`);
    seen.add(r);
  }
}

/** The similarity rows of packed descriptors (internal; used by `suggest` to pack only once). */
export function similarityRowsOfPacked(packed: PackedDescriptors, rows: readonly number[]): SimilarityMatrix {
  checkRowIndices(rows, packed.count);
  const { count, dim, members } = packed;
  const R = rows.length;
  const values = new Float64Array(R * count);
  const scale = 1 / members;
  for (let m = 0; m < members; m++) {
    const data = packed.data[m];
    const inv = packed.inverseNorms[m];
    for (let r = 0; r < R; r++) {
      const a = rows[r] * dim;
      const factor = inv[rows[r]] * scale;
      const out = r * count;
      if (factor === 0) continue; // zero vector: cosine 0 with everything
      for (let x = 0; x < count; x++) {
        const ix = inv[x];
        if (ix === 0) continue;
        values[out + x] += dot(data, a, x * dim, dim) * factor * ix;
      }
    }
  }
  return { rowIndices: rows.slice(), columns: count, values };
}

/** Dot product of `data[a .. a+dim)` and `data[b .. b+dim)`, four accumulators, float64. */
function dot(data: Float32Array, a: number, b: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  const end4 = dim - (dim % 4);
  for (; j < end4; j += 4) {
    s0 += data[a + j] * data[b + j];
    s1 += data[a + j + 1] * data[b + j + 1];
    s2 += data[a + j + 2] * data[b + j + 2];
    s3 += data[a + j + 3] * data[b + j + 3];
  }
  for (; j < dim; j++) s0 += data[a + j] * data[b + j];
  return s0 + s1 + s2 + s3;
}
