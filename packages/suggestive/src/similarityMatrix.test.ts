import { describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { cosineSimilarity } from './cosineSimilarity';
import { mulberry32 } from './rng';
import { similarityMatrix } from './similarityMatrix';

describe('similarityMatrix', () => {
  it('similarityMatrix 3 images 2-d, all rows: unit cosines on the diagonal, 1/√2 to the diagonal vector', () => {
    const m = similarityMatrix([
      [1, 0],
      [0, 2],
      [3, 3],
    ]);
    expect(m.rowIndices).toEqual([0, 1, 2]);
    expect(m.columns).toBe(3);
    const expected = [1, 0, Math.SQRT1_2, 0, 1, Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2, 1];
    expected.forEach((e, i) => expect(m.values[i]).toBeCloseTo(e, 6));
  });

  it('similarityMatrix rows [2, 0] of 3 images: 2 × 3 values in row order', () => {
    const m = similarityMatrix(
      [
        [1, 0],
        [0, 2],
        [3, 3],
      ],
      { rows: [2, 0] },
    );
    expect(m.rowIndices).toEqual([2, 0]);
    expect(m.values).toHaveLength(6);
    [Math.SQRT1_2, Math.SQRT1_2, 1, 1, 0, Math.SQRT1_2].forEach((e, i) => expect(m.values[i]).toBeCloseTo(e, 6));
  });

  it('similarityMatrix 2 members per image: mean of member cosines', () => {
    // image 0: members (1,0), (0,1); image 1: (1,0), (1,0) → member cosines 1 and 0 → 0.5
    const m = similarityMatrix([
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [1, 0],
      ],
    ]);
    expect(Array.from(m.values)).toEqual([1, 0.5, 0.5, 1]);
  });

  it('similarityMatrix zero descriptor: cosine 0 with everything, itself included', () => {
    const m = similarityMatrix([
      [0, 0, 0],
      [1, 2, 3],
    ]);
    expect(Array.from(m.values)).toEqual([0, 0, 0, expect.closeTo(1, 6)]);
  });

  it('similarityMatrix matches cosineSimilarity on 50 random 37-d descriptors, 3 members (odd length exercises the tail)', () => {
    const rng = mulberry32(11);
    const d = Array.from({ length: 50 }, () =>
      Array.from({ length: 3 }, () => Float32Array.from({ length: 37 }, () => rng() * 2 - 1)),
    );
    const rows = [49, 0, 17];
    const m = similarityMatrix(d, { rows });
    rows.forEach((r, i) => {
      for (let x = 0; x < 50; x++) expect(m.values[i * 50 + x]).toBeCloseTo(cosineSimilarity(d[r]!, d[x]!), 6);
    });
  });

  it('similarityMatrix bad input: empty pool, ragged lengths, member counts, NaN, mixed forms, bad rows', () => {
    const bad: [unknown, unknown][] = [
      [[], undefined],
      [
        [
          [1, 0],
          [1, 0, 0],
        ],
        undefined,
      ],
      [
        [
          [[1, 0]],
          [
            [1, 0],
            [0, 1],
          ],
        ],
        undefined,
      ],
      [
        [
          [1, Infinity],
          [1, 0],
        ],
        undefined,
      ],
      [[[1, 0], [[1, 0]]], undefined],
      [[[]], undefined],
      [
        [
          [1, 0],
          [0, 1],
        ],
        [2],
      ],
      [
        [
          [1, 0],
          [0, 1],
        ],
        [0, 0],
      ],
      [
        [
          [1, 0],
          [0, 1],
        ],
        [0.5],
      ],
    ];
    for (const [descriptors, rows] of bad) {
      try {
        similarityMatrix(descriptors as number[][], rows ? { rows: rows as number[] } : {});
        expect.unreachable(`no error for ${JSON.stringify(descriptors)} rows ${JSON.stringify(rows)}`);
      } catch (e) {
        expect(QfcnError.isInstance(e)).toBe(true);
        expect((e as QfcnError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });

  it('similarityMatrix error names the image with the wrong length', () => {
    expect(() => similarityMatrix([[1, 0], [1, 0], [1]])).toThrow(/image 2 has length 1, expected 2/);
  });
});
