import { describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { representativeness } from './representativeness';
import { similarityMatrix } from './similarityMatrix';

const chain = [
  [1, 0.5, 0],
  [0.5, 1, 0.5],
  [0, 0.5, 1],
];

describe('representativeness', () => {
  it('representativeness 3-image chain: {0} = 1.5, {1} = 2, {0,2} = 2.5, all = 3', () => {
    expect(representativeness([0], chain)).toBe(1.5);
    expect(representativeness([1], chain)).toBe(2);
    expect(representativeness([0, 2], chain)).toBe(2.5);
    expect(representativeness([2, 1, 0], chain)).toBe(3);
  });

  it('representativeness of the empty set is 0', () => {
    expect(representativeness([], chain)).toBe(0);
  });

  it('representativeness with K×N candidate rows from cosine descriptors (unit axes and a diagonal)', () => {
    // Images: e1, e2, (1,1)/√2 → cos(e1, diag) = cos(e2, diag) = 1/√2, cos(e1, e2) = 0.
    const m = similarityMatrix(
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      { rows: [2, 0] },
    );
    expect(representativeness([2], m)).toBeCloseTo(1 + Math.SQRT2, 6); // 1/√2 + 1/√2 + 1
    expect(representativeness([0], m)).toBeCloseTo(1 + Math.SQRT1_2, 6); // 1 + 0 + 1/√2
    expect(representativeness([0, 2], m)).toBeCloseTo(2 + Math.SQRT1_2, 6); // 1 + 1/√2 + 1
  });

  it('representativeness rejects a selected image without a row and repeated indices', () => {
    const m = similarityMatrix(
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      { rows: [2] },
    );
    for (const selected of [[1], [2, 2], [-1]]) {
      try {
        representativeness(selected, m);
        expect.unreachable();
      } catch (e) {
        expect(QfcnError.isInstance(e)).toBe(true);
      }
    }
  });
});
