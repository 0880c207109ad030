import { describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { greedyMaxCover } from './greedyMaxCover';
import { mostUncertain } from './mostUncertain';
import { mulberry32 } from './rng';
import { similarityMatrix } from './similarityMatrix';
import { suggest } from './suggest';

const s = Math.SQRT1_2;

// Six images in two directions: "horizontal" 0, 1, 3; "vertical" 2, 4; image 5 in between.
const descriptors = [
  [1, 0],
  [1, 0],
  [0, 1],
  [1, 0],
  [0, 1],
  [1, 1],
];
const uncertainty = [0.9, 0.8, 0.7, 0.6, 0.1, 0.05];

describe('suggest hand-computed', () => {
  it('suggest 6 images, K = 4, k = 2: candidates by uncertainty, then one image per direction', () => {
    const r = suggest({ uncertainty, descriptors, candidates: 4, picks: 2 });
    expect(r.candidates).toEqual([0, 1, 2, 3]);
    // Row sums: images 0, 1, 3 → 3 + 1/√2; image 2 → 2 + 1/√2. Tie → image 0.
    // Gains after image 0: image 1 → 0, image 2 → 1 + 1 = 2, image 3 → 0.
    expect(r.selected).toEqual([0, 2]);
    expect(r.gains[0]).toBeCloseTo(3 + s, 6);
    expect(r.gains[1]).toBeCloseTo(2, 6);
    expect(r.representativeness).toBeCloseTo(5 + s, 6);
  });

  it('suggest k = 3: the third pick gains nothing, tie between images 1 and 3 → image 1', () => {
    const r = suggest({ uncertainty, descriptors, candidates: 4, picks: 3 });
    expect(r.selected).toEqual([0, 2, 1]);
    expect(r.gains[2]).toBe(0);
  });

  it('suggest differs from uncertainty-only: the two most uncertain images are redundant', () => {
    const r = suggest({ uncertainty, descriptors, candidates: 4, picks: 2 });
    expect(mostUncertain(uncertainty, { count: 2 })).toEqual([0, 1]);
    expect(r.selected).not.toEqual([0, 1]);
  });

  it('suggest candidate ties (equal uncertainty) → lower index; F counts non-candidates too', () => {
    // All equally uncertain: candidates 0, 1 (K = 2). Image 1 represents images 2 and 3, image 0 only itself.
    const r = suggest({
      uncertainty: [0.5, 0.5, 0.5, 0.5],
      descriptors: [
        [1, 0],
        [0, 1],
        [0, 1],
        [0, 1],
      ],
      candidates: 2,
      picks: 1,
    });
    expect(r.candidates).toEqual([0, 1]);
    expect(r.selected).toEqual([1]);
    expect(r.representativeness).toBeCloseTo(3, 6);
  });

  it('suggest per-member descriptors: similarity is the mean of member cosines', () => {
    // Member 0 sees all three images alike; member 1 separates image 2. Candidates K = 3, k = 1.
    // Mean cosines: row 0 → (1, 1, 0.5) sum 2.5 ; row 1 → 2.5 ; row 2 → (0.5, 0.5, 1) sum 2. Tie → image 0.
    const perMember = [
      [
        [1, 0],
        [1, 0],
      ],
      [
        [1, 0],
        [1, 0],
      ],
      [
        [1, 0],
        [0, 1],
      ],
    ];
    const r = suggest({ uncertainty: [0.1, 0.2, 0.3], descriptors: perMember, candidates: 3, picks: 1 });
    expect(r.candidates).toEqual([2, 1, 0]);
    expect(r.selected).toEqual([0]);
    expect(r.representativeness).toBe(2.5);
  });

  it('suggest pool smaller than K: all images are candidates, k clamped to the pool', () => {
    const r = suggest({
      uncertainty: [0.2, 0.4],
      descriptors: [
        [1, 0],
        [0, 1],
      ],
      candidates: 16,
      picks: 8,
    });
    expect(r.candidates).toEqual([1, 0]);
    expect(r.selected).toEqual([0, 1]);
  });

  it('suggest defaults K = 16, k = 8', () => {
    const rng = mulberry32(1);
    const d = Array.from({ length: 40 }, () => [rng(), rng(), rng()]);
    const u = Array.from({ length: 40 }, () => rng());
    const r = suggest({ uncertainty: u, descriptors: d });
    expect(r.candidates).toHaveLength(16);
    expect(r.selected).toHaveLength(8);
    for (const x of r.selected) expect(r.candidates).toContain(x);
  });

  it('suggest equals mostUncertain + similarityMatrix + plain greedy on 30 random pools of 300 images, 5 members', () => {
    const rng = mulberry32(99);
    for (let trial = 0; trial < 30; trial++) {
      const d = Array.from({ length: 300 }, () =>
        Array.from({ length: 5 }, () => Float32Array.from({ length: 12 }, () => Math.max(0, rng() - 0.3))),
      );
      const u = Float64Array.from({ length: 300 }, () => rng() / 4);
      const r = suggest({ uncertainty: u, descriptors: d, candidates: 16, picks: 8 });
      const candidates = mostUncertain(u, { count: 16 });
      const reference = greedyMaxCover(similarityMatrix(d, { rows: candidates }), { count: 8, lazy: false });
      expect(r.candidates).toEqual(candidates);
      expect(r.selected).toEqual(reference.selected);
      expect(r.representativeness).toBe(reference.value);
    }
  });

  it('suggest bad input: k > K, K = 0, fractional k, length mismatch, NaN uncertainty, empty pool', () => {
    const d = [
      [1, 0],
      [0, 1],
    ];
    const bad = [
      { uncertainty: [1, 2], descriptors: d, candidates: 1, picks: 2 },
      { uncertainty: [1, 2], descriptors: d, candidates: 0, picks: 0 },
      { uncertainty: [1, 2], descriptors: d, candidates: 2, picks: 1.5 },
      { uncertainty: [1, 2, 3], descriptors: d, candidates: 2, picks: 1 },
      { uncertainty: [1, NaN], descriptors: d, candidates: 2, picks: 1 },
      { uncertainty: [], descriptors: [], candidates: 2, picks: 1 },
    ];
    for (const input of bad) {
      try {
        suggest(input);
        expect.unreachable(JSON.stringify(input));
      } catch (e) {
        expect(QfcnError.isInstance(e)).toBe(true);
        expect((e as QfcnError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});

describe.skipIf(!process.env.QFCN_SLOW)('suggest at scale (slow: set QFCN_SLOW=1)', () => {
  it('suggest 10,000 images × 1024-d, K = 16, k = 8 finishes in seconds and matches plain greedy', () => {
    const rng = mulberry32(5);
    const d = Array.from({ length: 10_000 }, () => Float32Array.from({ length: 1024 }, () => Math.max(0, rng() - 0.5)));
    const u = Float64Array.from({ length: 10_000 }, () => rng());
    const t0 = performance.now();
    const r = suggest({ uncertainty: u, descriptors: d });
    const seconds = (performance.now() - t0) / 1000;
    expect(seconds).toBeLessThan(10);
    expect(r.selected).toEqual(suggest({ uncertainty: u, descriptors: d, lazy: false }).selected);
  });
});
