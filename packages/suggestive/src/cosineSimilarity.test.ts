import { describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { cosineSimilarity } from './cosineSimilarity';

describe('cosineSimilarity', () => {
  it('cosineSimilarity 2-d: parallel 1, orthogonal 0, opposite -1, 45 degrees 1/sqrt(2)', () => {
    expect(cosineSimilarity([2, 0], [5, 0])).toBe(1);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([1, 2], [-1, -2])).toBeCloseTo(-1, 15);
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('cosineSimilarity 3-d (1,2,2)·(2,1,2) = 8/9', () => {
    expect(cosineSimilarity(new Float32Array([1, 2, 2]), new Float32Array([2, 1, 2]))).toBeCloseTo(8 / 9, 7);
  });

  it('cosineSimilarity zero vector is 0 with anything', () => {
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    expect(cosineSimilarity([0, 0], [0, 0])).toBe(0);
  });

  it('cosineSimilarity 2 members: mean of member cosines (1 and 0 → 0.5)', () => {
    expect(
      cosineSimilarity(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [1, 0],
        ],
      ),
    ).toBe(0.5);
  });

  it('cosineSimilarity per-member is the mean of cosines, not the cosine of means', () => {
    // Member cosines 1 and 0 → 0.5; the cosine of the concatenated vectors would be 1 / (√2·√101) ≈ 0.070.
    const a = [
      [1, 0],
      [0, 1],
    ];
    const b = [
      [1, 0],
      [10, 0],
    ];
    expect(cosineSimilarity(a, b)).toBe(0.5);
  });

  it('cosineSimilarity bad input: lengths 2 vs 3, empty, NaN, vector vs members, member counts', () => {
    const cases: [unknown, unknown][] = [
      [
        [1, 2],
        [1, 2, 3],
      ],
      [[], []],
      [
        [1, NaN],
        [1, 1],
      ],
      [[1, 0], [[1, 0]]],
      [
        [[1, 0]],
        [
          [1, 0],
          [0, 1],
        ],
      ],
    ];
    for (const [a, b] of cases) {
      try {
        cosineSimilarity(a as number[], b as number[]);
        expect.unreachable(`no error for ${JSON.stringify([a, b])}`);
      } catch (e) {
        expect(QfcnError.isInstance(e)).toBe(true);
        expect((e as QfcnError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});
