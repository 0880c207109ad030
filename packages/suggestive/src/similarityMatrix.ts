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
export function assertRowIndices(rows: readonly number[], count: number, argument = 'rows'): void {
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
  assertRowIndices(rows, packed.count);
  const { count, dim, members } = packed;
  const R = rows.length;
  const values = new Float64Array(R * count);
  const scale = 1 / members;
  const dots = new Float64Array(4);
  for (let m = 0; m < members; m++) {
    const data = packed.data[m]!;
    const inv = packed.inverseNorms[m]!;
    // Rows in blocks of four: each pool vector is read once per block (register blocking).
    for (let r0 = 0; r0 < R; r0 += 4) {
      const block = Math.min(4, R - r0);
      const a0 = rows[r0]! * dim;
      const a1 = rows[r0 + Math.min(1, block - 1)]! * dim;
      const a2 = rows[r0 + Math.min(2, block - 1)]! * dim;
      const a3 = rows[r0 + Math.min(3, block - 1)]! * dim;
      for (let x = 0; x < count; x++) {
        const ix = inv[x]!;
        if (ix === 0) continue; // zero vector: cosine 0 with everything
        dot4(data, a0, a1, a2, a3, x * dim, dim, dots);
        for (let b = 0; b < block; b++) {
          const factor = inv[rows[r0 + b]!]! * scale;
          if (factor !== 0) values[(r0 + b) * count + x]! += dots[b]! * factor * ix;
        }
      }
    }
  }
  return { rowIndices: rows.slice(), columns: count, values };
}

/**
 * Dot products of four vectors `data[a_i .. a_i+dim)` with `data[b .. b+dim)`, float64 accumulation;
 * two accumulators per product (even/odd j) so the additions of consecutive j do not wait on each other.
 */
function dot4(
  data: Float32Array,
  a0: number,
  a1: number,
  a2: number,
  a3: number,
  b: number,
  dim: number,
  out: Float64Array,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  const end = dim - (dim & 1);
  let j = 0;
  for (; j < end; j += 2) {
    const v = data[b + j]!;
    const w = data[b + j + 1]!;
    s0 += data[a0 + j]! * v;
    s1 += data[a1 + j]! * v;
    s2 += data[a2 + j]! * v;
    s3 += data[a3 + j]! * v;
    t0 += data[a0 + j + 1]! * w;
    t1 += data[a1 + j + 1]! * w;
    t2 += data[a2 + j + 1]! * w;
    t3 += data[a3 + j + 1]! * w;
  }
  if (j < dim) {
    const v = data[b + j]!;
    s0 += data[a0 + j]! * v;
    s1 += data[a1 + j]! * v;
    s2 += data[a2 + j]! * v;
    s3 += data[a3 + j]! * v;
  }
  out[0] = s0 + t0;
  out[1] = s1 + t1;
  out[2] = s2 + t2;
  out[3] = s3 + t3;
}
