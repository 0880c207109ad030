import { describe, expect, it } from 'vitest';
import { distanceTransform } from './distanceTransform';
import { labelMapFromRows as rows } from './test/rows';
import { mulberry32 } from './test/mulberry32';

describe('distanceTransform', () => {
  it('distanceTransform 4x1 to foreground and to background', () => {
    const m = rows(['1 0 0 0']);
    expect(Array.from(distanceTransform(m).data)).toEqual([0, 1, 2, 3]);
    expect(Array.from(distanceTransform(m, { to: 'background' }).data)).toEqual([1, 0, 0, 0]);
  });

  it('distanceTransform 5x5 single centre pixel: squared distances are x²+y²', () => {
    const m = rows(['0 0 0 0 0', '0 0 0 0 0', '0 0 1 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(Array.from(distanceTransform(m, { squared: true }).data)).toEqual([
      8, 5, 4, 5, 8, 5, 2, 1, 2, 5, 4, 1, 0, 1, 4, 5, 2, 1, 2, 5, 8, 5, 4, 5, 8,
    ]);
    expect(distanceTransform(m).data[0]).toBe(Math.sqrt(8));
  });

  it('distanceTransform 5x5 square: inside distance to background', () => {
    const m = rows(['1 1 1 1 1', '1 1 1 1 1', '1 1 1 1 1', '1 1 1 1 1', '1 1 1 1 0']);
    const d = distanceTransform(m, { to: 'background', squared: true }).data;
    expect(d[0]).toBe(32); // (0,0) to (4,4)
    expect(d[12]).toBe(8); // (2,2) to (4,4)
    expect(d[24]).toBe(0);
  });

  it('distanceTransform 3x2 without any target pixel: Infinity everywhere', () => {
    expect(Array.from(distanceTransform(rows(['0 0 0', '0 0 0'])).data)).toEqual(Array(6).fill(Infinity));
    expect(Array.from(distanceTransform(rows(['2 2 2', '2 2 2']), { to: 'background' }).data)).toEqual(
      Array(6).fill(Infinity),
    );
  });

  it('distanceTransform 37x23 random sparse mask equals brute force over all pixel pairs', () => {
    const rand = mulberry32(7);
    const w = 37;
    const h = 23;
    const data = new Uint8Array(w * h).map(() => (rand() < 0.03 ? 1 : 0));
    data[100] = 1;
    const d = distanceTransform({ width: w, height: h, data }, { squared: true }).data;
    for (let p = 0; p < w * h; p++) {
      let best = Infinity;
      for (let q = 0; q < w * h; q++) {
        if (!data[q]) continue;
        const dx = (p % w) - (q % w);
        const dy = Math.floor(p / w) - Math.floor(q / w);
        best = Math.min(best, dx * dx + dy * dy);
      }
      expect(d[p]).toBe(best);
    }
  });

  it('distanceTransform rejects an unknown target', () => {
    expect(() => distanceTransform(rows(['1']), { to: 'edges' as never })).toThrow(/'to'/);
  });
});
