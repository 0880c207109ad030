import { describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { greedyMaxCover } from './greedyMaxCover';
import { mulberry32, type Rng } from './rng';
import { similarityMatrix } from './similarityMatrix';
import type { SimilarityMatrix } from './types';

/** F(S) straight from the definition: Σ_x max_{c∈S} sim(c, x). */
function F(m: SimilarityMatrix, rows: number[]): number {
  let total = 0;
  for (let x = 0; x < m.columns; x++) {
    let best = -Infinity;
    for (const r of rows) best = Math.max(best, m.values[r * m.columns + x]!);
    total += best;
  }
  return total;
}

/** Textbook greedy: add the row maximizing F(S ∪ {r}); ties → lower pool index. Returns pool indices. */
function plainGreedy(m: SimilarityMatrix, k: number): number[] {
  const rows: number[] = [];
  for (let t = 0; t < k; t++) {
    let best = -1;
    let bestValue = -Infinity;
    for (let r = 0; r < m.rowIndices.length; r++) {
      if (rows.includes(r)) continue;
      const value = F(m, [...rows, r]);
      if (value > bestValue || (value === bestValue && m.rowIndices[r]! < m.rowIndices[best]!)) {
        best = r;
        bestValue = value;
      }
    }
    rows.push(best);
  }
  return rows.map((r) => m.rowIndices[r]!);
}

/** Best F over all k-subsets of rows (brute force). */
function bruteForceOptimum(m: SimilarityMatrix, k: number): number {
  const R = m.rowIndices.length;
  let best = -Infinity;
  const pick: number[] = [];
  const recurse = (start: number) => {
    if (pick.length === k) {
      best = Math.max(best, F(m, pick));
      return;
    }
    for (let r = start; r < R; r++) {
      pick.push(r);
      recurse(r + 1);
      pick.pop();
    }
  };
  recurse(0);
  return best;
}

function randomDescriptors(rng: Rng, n: number, dim: number, nonNegative: boolean): Float32Array[] {
  return Array.from({ length: n }, () =>
    Float32Array.from({ length: dim }, () => (nonNegative ? Math.max(0, rng() * 2 - 0.6) : rng() * 2 - 1)),
  );
}

function randomCandidates(rng: Rng, n: number, count: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, count);
}

describe('greedyMaxCover hand-computed', () => {
  it('greedyMaxCover 3x3: two alike images and an outlier → middle one first, then the outlier', () => {
    const sim = [
      [1, 0.9, 0],
      [0.9, 1, 0.1],
      [0, 0.1, 1],
    ];
    const result = greedyMaxCover(sim, { count: 2 });
    // Row sums 1.9, 2.0, 1.1 → image 1 (gain 2). Cover (0.9, 1, 0.1): gains 0.1 (image 0), 0.9 (image 2).
    expect(result.selected).toEqual([1, 2]);
    expect(result.gains[0]).toBe(2);
    expect(result.gains[1]).toBeCloseTo(0.9, 15);
    expect(result.value).toBeCloseTo(2.9, 15);
  });

  it('greedyMaxCover 2 candidate rows over 4 images (K×N rows, not N×N)', () => {
    // Candidates are pool images 3 and 1; columns are all 4 images.
    const m: SimilarityMatrix = {
      rowIndices: [3, 1],
      columns: 4,
      values: new Float64Array([
        0.2,
        0.1,
        0.3,
        1, // image 3: sum 1.6
        0.5,
        1,
        0.6,
        0.1, // image 1: sum 2.2
      ]),
    };
    const one = greedyMaxCover(m, { count: 1 });
    expect(one.selected).toEqual([1]);
    expect(one.value).toBeCloseTo(2.2, 15);
    const two = greedyMaxCover(m, { count: 2 });
    expect(two.selected).toEqual([1, 3]);
    // cover after image 1: (0.5, 1, 0.6, 0.1); image 3 adds 0.9 at column 3.
    expect(two.gains[1]).toBeCloseTo(0.9, 15);
    expect(two.value).toBeCloseTo(3.1, 15);
  });

  it('greedyMaxCover ties → lower pool index (identical rows listed high index first)', () => {
    const m: SimilarityMatrix = {
      rowIndices: [7, 2, 5],
      columns: 8,
      values: new Float64Array([...[0, 0, 1, 0, 0, 0, 0, 1], ...[0, 0, 1, 0, 0, 0, 0, 1], ...[0, 0, 0, 0, 0, 1, 0, 0]]),
    };
    for (const lazy of [true, false]) {
      const r = greedyMaxCover(m, { count: 3, lazy });
      // 7 and 2 tie at 2 → 2; then 7 adds 0, 5 adds 1 → 5; then 7 (gain 0).
      expect(r.selected).toEqual([2, 5, 7]);
      expect(r.gains).toEqual([2, 1, 0]);
    }
  });

  it('greedyMaxCover negative similarities: first pick by row sum, gains never negative', () => {
    const sim = [
      [1, -0.5, -0.5],
      [-0.5, 1, -0.25],
      [-0.5, -0.25, 1],
    ];
    // Row sums 0, 0.25, 0.25 → image 1 (lower index of the tie). Cover (-0.5, 1, -0.25); image 0 adds 1.5, image 2 adds 1.25.
    const r = greedyMaxCover(sim, { count: 2 });
    expect(r.selected).toEqual([1, 0]);
    expect(r.gains).toEqual([0.25, 1.5]);
    expect(r.value).toBe(1.75); // 1 + 1 - 0.25
  });

  it('greedyMaxCover k = 0 selects nothing, F = 0', () => {
    expect(greedyMaxCover([[1]], { count: 0 })).toEqual({ selected: [], gains: [], value: 0, evaluations: 0 });
  });

  it('greedyMaxCover bad input: k > rows, k negative or fractional, ragged matrix, NaN, repeated row index', () => {
    const bad: [unknown, number][] = [
      [
        [
          [1, 0],
          [0, 1],
        ],
        3,
      ],
      [
        [
          [1, 0],
          [0, 1],
        ],
        -1,
      ],
      [
        [
          [1, 0],
          [0, 1],
        ],
        1.5,
      ],
      [[[1, 0], [0]], 1],
      [
        [
          [1, NaN],
          [0, 1],
        ],
        1,
      ],
      [{ rowIndices: [0, 0], columns: 2, values: new Float64Array(4) }, 1],
      [{ rowIndices: [0], columns: 2, values: new Float64Array(3) }, 1],
    ];
    for (const [sim, k] of bad) {
      try {
        greedyMaxCover(sim as number[][], { count: k });
        expect.unreachable(`no error for k=${k} ${JSON.stringify(sim)}`);
      } catch (e) {
        expect(QfcnError.isInstance(e)).toBe(true);
        expect((e as QfcnError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});

describe('greedyMaxCover against brute force and plain greedy (seeded random pools)', () => {
  it('greedyMaxCover ≥ (1 − 1/e)·OPT on 60 pools of 10 candidates × 30 images, k = 1..4 (non-negative features)', () => {
    const rng = mulberry32(2017);
    let worst = Infinity;
    for (let trial = 0; trial < 60; trial++) {
      const descriptors = randomDescriptors(rng, 30, 6, true);
      const m = similarityMatrix(descriptors, { rows: randomCandidates(rng, 30, 10) });
      for (let k = 1; k <= 4; k++) {
        const greedy = greedyMaxCover(m, { count: k }).value;
        const opt = bruteForceOptimum(m, k);
        expect(greedy).toBeLessThanOrEqual(opt + 1e-9);
        expect(greedy).toBeGreaterThanOrEqual((1 - 1 / Math.E) * opt);
        worst = Math.min(worst, greedy / opt);
      }
    }
    expect(worst).toBeGreaterThan(1 - 1 / Math.E);
  });

  it('greedyMaxCover signed features: (1 − 1/e) bound holds after shifting by the smallest similarity', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 40; trial++) {
      const descriptors = randomDescriptors(rng, 25, 5, false);
      const m = similarityMatrix(descriptors, { rows: randomCandidates(rng, 25, 9) });
      const low = Math.min(...m.values);
      for (const k of [2, 3]) {
        const greedy = greedyMaxCover(m, { count: k }).value - m.columns * low;
        const opt = bruteForceOptimum(m, k) - m.columns * low;
        expect(greedy).toBeGreaterThanOrEqual((1 - 1 / Math.E) * opt);
      }
    }
  });

  it('greedyMaxCover lazy, plain and textbook greedy pick identically on 150 pools (K = 16 of 200, k = 8)', () => {
    const rng = mulberry32(42);
    for (let trial = 0; trial < 150; trial++) {
      const n = 200;
      const descriptors = randomDescriptors(rng, n, trial % 2 ? 16 : 64, trial % 3 === 0);
      const m = similarityMatrix(descriptors, { rows: randomCandidates(rng, n, 16) });
      const lazy = greedyMaxCover(m, { count: 8 });
      const plain = greedyMaxCover(m, { count: 8, lazy: false });
      expect(lazy.selected).toEqual(plain.selected);
      expect(lazy.gains).toEqual(plain.gains);
      expect(lazy.value).toBe(plain.value);
      expect(lazy.selected).toEqual(plainGreedy(m, 8));
      expect(lazy.value).toBeCloseTo(
        F(
          m,
          lazy.selected.map((i) => m.rowIndices.indexOf(i)),
        ),
        9,
      );
    }
  });

  it('greedyMaxCover lazy evaluates far fewer gains than plain greedy (200 rows × 400 images, k = 30)', () => {
    const rng = mulberry32(3);
    const descriptors = randomDescriptors(rng, 400, 8, true);
    const m = similarityMatrix(descriptors, { rows: randomCandidates(rng, 400, 200) });
    const lazy = greedyMaxCover(m, { count: 30 });
    const plain = greedyMaxCover(m, { count: 30, lazy: false });
    expect(lazy.selected).toEqual(plain.selected);
    // Plain: 200 sums + Σ_{t=1}^{29} (200 − t) = 200 + 5365 gain evaluations.
    expect(plain.evaluations).toBe(200 + 29 * 200 - (29 * 30) / 2);
    expect(lazy.evaluations).toBeLessThan(plain.evaluations / 2);
  });
});
