import { InvalidArgumentError } from '@qfcn/contract';
import type { SimilarityMatrix } from './types';

/**
 * Accepts a `SimilarityMatrix`, or a plain square matrix as an array of rows (row i = image i) and
 * validates it (internal).
 */
export function toSimilarityMatrix(
  similarity: SimilarityMatrix | readonly ArrayLike<number>[],
  argument = 'similarity',
): SimilarityMatrix {
  if (Array.isArray(similarity)) {
    const n = similarity.length;
    const values = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const row = similarity[i] as ArrayLike<number>;
      if (row == null || row.length !== n) {
        throw new InvalidArgumentError(
          argument,
          `a plain matrix must be square: row ${i} has ${row?.length} entries, expected ${n}`,
        );
      }
      for (let j = 0; j < n; j++) values[i * n + j] = row[j]!;
    }
    const matrix = { rowIndices: Array.from({ length: n }, (_, i) => i), columns: n, values };
    assertValues(matrix, argument);
    return matrix;
  }
  const m = similarity as SimilarityMatrix;
  if (
    m == null ||
    !Array.isArray(m.rowIndices) ||
    !Number.isInteger(m.columns) ||
    m.columns < 0 ||
    !ArrayBuffer.isView(m.values)
  ) {
    throw new InvalidArgumentError(argument, 'expected { rowIndices, columns, values } or an array of rows');
  }
  if (m.values.length !== m.rowIndices.length * m.columns) {
    throw new InvalidArgumentError(
      argument,
      `values has ${m.values.length} entries, expected rowIndices.length × columns = ${m.rowIndices.length} × ${m.columns}`,
    );
  }
  const seen = new Set<number>();
  for (const r of m.rowIndices) {
    if (!Number.isInteger(r) || r < 0 || r >= m.columns)
      throw new InvalidArgumentError(argument, `row index ${r} is not a pool index (0..${m.columns - 1})`);
    if (seen.has(r)) throw new InvalidArgumentError(argument, `row index ${r} is repeated`);
    seen.add(r);
  }
  assertValues(m, argument);
  return m;
}

function assertValues(m: SimilarityMatrix, argument: string): void {
  const v = m.values;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]))
      throw new InvalidArgumentError(argument, `entry ${i} is ${v[i]} (similarities must be finite)`);
  }
}
