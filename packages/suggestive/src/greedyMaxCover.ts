import { InvalidArgumentError } from '@qfcn/contract';
import { toSimilarityMatrix } from './similarityInput';
import type { SimilarityMatrix } from './types';

export interface GreedyMaxCoverOptions {
  /** How many rows to select. Default 8 ([Yang17]'s k). Must not exceed the number of rows. */
  readonly count?: number;
  /**
   * Lazy greedy (Minoux's accelerated greedy): re-evaluate a row's gain only when its stale upper bound
   * is the largest. Same picks as plain greedy, fewer evaluations. Default true; `false` runs plain greedy.
   */
  readonly lazy?: boolean;
}

export interface GreedyMaxCoverResult {
  /** Selected pool indices (row indices of the matrix), in the order picked. */
  readonly selected: number[];
  /** Increase of F at each pick; the first is F of the first pick alone. They sum to `value` (up to rounding). */
  readonly gains: number[];
  /** `F(selected) = Σ_x max_{c ∈ selected} sim(c, x)` over all columns. */
  readonly value: number;
  /** Number of row-gain evaluations (each O(N)); plain greedy uses about count · rows. */
  readonly evaluations: number;
}

/**
 * Greedy maximization of representativeness (generalized maximum cover / facility location):
 * choose `count` rows maximizing `F(S) = Σ_x max_{c ∈ S} sim(c, x)`.
 *
 * **When to use**: step two of a suggestive-annotation round (choose `picks` of the `candidates` most uncertain: [Yang17]'s k of K);
 * `suggest` calls it. Any similarity works, not only cosines.
 *
 * **Details**: the first pick maximizes `Σ_x sim(c, x)`; each later pick maximizes the gain
 * `Σ_x max(0, sim(c, x) − cover(x))`, where `cover(x)` is the best similarity of x to the picks so far.
 * F is monotone submodular for non-empty sets, so greedy is within (1 − 1/e) of the optimum (after
 * shifting similarities to be non-negative, which changes no pick). Ties go to the lower pool index.
 * Lazy evaluation keeps stale gains as upper bounds in a max-heap (valid from the second pick on, since
 * gains only shrink as the cover grows — also in floating point) and picks exactly what plain greedy
 * picks. Cost: O(rows · N) for the first two picks, typically a few O(N) evaluations per later pick.
 * Throws `InvalidArgumentError` for `count` outside 0..rows or a malformed matrix.
 *
 * @example
 * // images 0,1 alike, 2 different: pick the middle one, then the outlier
 * greedyMaxCover([[1, 0.9, 0], [0.9, 1, 0.1], [0, 0.1, 1]], { count: 2 });
 * // { selected: [1, 2], gains: [2, 0.9], value: 2.9, evaluations: 5 }
 */
export function greedyMaxCover(
  similarity: SimilarityMatrix | readonly ArrayLike<number>[],
  options: GreedyMaxCoverOptions = {},
): GreedyMaxCoverResult {
  const m = toSimilarityMatrix(similarity);
  const { count = 8, lazy = true } = options;
  const R = m.rowIndices.length;
  if (!Number.isInteger(count) || count < 0 || count > R) {
    throw new InvalidArgumentError('count', `${count} must be an integer in 0..${R} (the number of rows)`);
  }
  const n = m.columns;
  const v = m.values;
  const index = m.rowIndices;
  const cover = new Float64Array(n);
  const taken = new Uint8Array(R);
  const selected: number[] = [];
  const gains: number[] = [];
  let evaluations = 0;
  if (count === 0) return { selected, gains, value: 0, evaluations };

  // Pick 1: the row with the largest sum (cover is conceptually -∞).
  const sums = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let s = 0;
    const base = r * n;
    for (let x = 0; x < n; x++) s += v[base + x]!;
    sums[r] = s;
  }
  evaluations += R;
  let first = -1;
  for (let r = 0; r < R; r++) {
    if (first < 0 || sums[r]! > sums[first]! || (sums[r] === sums[first] && index[r]! < index[first]!)) first = r;
  }
  take(first, sums[first]!);

  const gainOf = (r: number): number => {
    evaluations++;
    let g = 0;
    const base = r * n;
    for (let x = 0; x < n; x++) {
      const d = v[base + x]! - cover[x]!;
      if (d > 0) g += d;
    }
    return g;
  };

  if (lazy) {
    // Max-heap of rows by (bound desc, pool index asc); stamp = pick number the bound was computed for.
    const bound = new Float64Array(R).fill(Infinity);
    const stamp = new Int32Array(R).fill(-1);
    const heap: number[] = [];
    const before = (a: number, b: number) => bound[a]! > bound[b]! || (bound[a] === bound[b] && index[a]! < index[b]!);
    const push = (r: number) => {
      heap.push(r);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!before(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    };
    const pop = (): number => {
      const top = heap[0]!;
      const last = heap.pop() as number;
      if (heap.length > 0) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let best = i;
          if (l < heap.length && before(heap[l]!, heap[best]!)) best = l;
          if (r < heap.length && before(heap[r]!, heap[best]!)) best = r;
          if (best === i) break;
          [heap[i], heap[best]] = [heap[best]!, heap[i]!];
          i = best;
        }
      }
      return top;
    };
    for (let r = 0; r < R; r++) if (!taken[r]) push(r);
    for (let t = 1; t < count; t++) {
      for (;;) {
        const r = pop();
        if (stamp[r] === t) {
          take(r, bound[r]!);
          break;
        }
        bound[r] = gainOf(r);
        stamp[r] = t;
        push(r);
      }
    }
  } else {
    for (let t = 1; t < count; t++) {
      let best = -1;
      let bestGain = -Infinity;
      for (let r = 0; r < R; r++) {
        if (taken[r]) continue;
        const g = gainOf(r);
        if (best < 0 || g > bestGain || (g === bestGain && index[r]! < index[best]!)) {
          best = r;
          bestGain = g;
        }
      }
      take(best, bestGain);
    }
  }
  let value = 0;
  for (let x = 0; x < n; x++) value += cover[x]!;
  return { selected, gains, value, evaluations };

  function take(r: number, gain: number): void {
    const base = r * n;
    if (selected.length === 0) {
      for (let x = 0; x < n; x++) cover[x] = v[base + x]!;
    } else {
      for (let x = 0; x < n; x++) if (v[base + x]! > cover[x]!) cover[x] = v[base + x]!;
    }
    taken[r] = 1;
    selected.push(index[r]!);
    gains.push(gain);
  }
}
