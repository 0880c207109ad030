import { InvalidArgumentError } from '@qfcn/contract';
import { toSimilarityMatrix } from './similarityInput';
import type { SimilarityMatrix } from './types';

/**
 * Representativeness of a selected set for a pool ([Yang17]): `F(S, pool) = Σ_{x ∈ pool} max_{c ∈ S} sim(c, x)`.
 *
 * **When to use**: to score a selection (what `greedyMaxCover` maximizes), e.g. to compare strategies.
 *
 * **Details**: `selected` are pool indices; each must be a row of `similarity` (a `SimilarityMatrix`
 * from `similarityMatrix`, or a plain square matrix given as rows, row i = image i). The sum runs over
 * every column (every image of the pool, the selected ones included). `F(∅) = 0` by convention.
 * O(|S| · N). Throws `InvalidArgumentError` for a selected index without a row or repeated indices.
 *
 * @example
 * // pool of 3: sim rows of images 0 and 2
 * representativeness([0], [[1, 0.5, 0], [0.5, 1, 0.5], [0, 0.5, 1]]); // 1 + 0.5 + 0 = 1.5
 * representativeness([0, 2], [[1, 0.5, 0], [0.5, 1, 0.5], [0, 0.5, 1]]); // 1 + 0.5 + 1 = 2.5
 */
export function representativeness(
  selected: readonly number[],
  similarity: SimilarityMatrix | readonly ArrayLike<number>[],
): number {
  const m = toSimilarityMatrix(similarity);
  if (!Array.isArray(selected)) throw new InvalidArgumentError('selected', 'expected an array of pool indices');
  if (selected.length === 0) return 0;
  const rowOf = new Map<number, number>();
  m.rowIndices.forEach((index, row) => rowOf.set(index, row));
  const rows: number[] = [];
  const seen = new Set<number>();
  for (const s of selected) {
    const row = rowOf.get(s);
    if (row === undefined)
      throw new InvalidArgumentError('selected', `pool index ${s} has no row in the similarity matrix`);
    if (seen.has(s)) throw new InvalidArgumentError('selected', `pool index ${s} is repeated`);
    seen.add(s);
    rows.push(row);
  }
  const n = m.columns;
  const v = m.values;
  let total = 0;
  for (let x = 0; x < n; x++) {
    let best = -Infinity;
    for (const row of rows) {
      const s = v[row * n + x]!;
      if (s > best) best = s;
    }
    total += best;
  }
  return total;
}
