import { describe, expect, it } from 'vitest';
import { objectHausdorff } from './objectHausdorff';
import { labelMapFromRows as rows } from './test/rows';
import { syntheticGlandPair } from './test/synthetic';
import type { LabelMap } from './types';

describe('objectHausdorff', () => {
  it('objectHausdorff 5x5 identical maps: 0', () => {
    const m = rows(['1 1 0 2 2', '1 1 0 2 2', '0 0 0 0 0', '3 3 3 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(m, m)).toBe(0);
  });

  it('objectHausdorff 5x5 gland shifted one pixel: 1', () => {
    const gt = rows(['0 0 0 0 0', '0 1 1 0 0', '0 1 1 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['0 0 0 0 0', '0 0 1 1 0', '0 0 1 1 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(seg, gt)).toBe(1);
  });

  it('objectHausdorff 5x5 two touching glands merged: 2', () => {
    const gt = rows(['1 1 2 2 0', '1 1 2 2 0', '1 1 2 2 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['5 5 5 5 0', '5 5 5 5 0', '5 5 5 5 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(seg, gt)).toBe(2);
  });

  it('objectHausdorff 5x5 half-covered gland: (1/3 + 1/2)/2 = 5/12', () => {
    const gt = rows(['1 1 0 2 2', '1 1 0 2 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['1 1 0 0 2', '1 1 0 0 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(seg, gt)).toBeCloseTo(5 / 12, 15);
  });

  it('objectHausdorff 5x5 unmatched objects pair with the nearest object: sqrt(2)/5', () => {
    const gt = rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 2']);
    const seg = rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 3 0', '0 0 0 0 0']);
    expect(objectHausdorff(seg, gt)).toBeCloseTo(Math.SQRT2 / 5, 15);
  });

  it('objectHausdorff 5x5 uses all pixels, not only boundaries: a disc inside a ring', () => {
    // GT: a ring (boundary of the 5x5 square); seg: the full square. The centre pixel (2,2) is
    // 2 px from the ring, so H = 2; a boundary-only Hausdorff would give 0.
    const gt = rows(['1 1 1 1 1', '1 0 0 0 1', '1 0 0 0 1', '1 0 0 0 1', '1 1 1 1 1']);
    const seg = rows(['1 1 1 1 1', '1 1 1 1 1', '1 1 1 1 1', '1 1 1 1 1', '1 1 1 1 1']);
    expect(objectHausdorff(seg, gt)).toBe(2);
  });

  it('objectHausdorff 5x5 background-dominant segment: 3', () => {
    const gt = rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['0 1 1 1 1', '1 1 1 1 1', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(seg, gt)).toBe(3);
  });

  it('objectHausdorff 300x300 squares offset by (3, 4): exactly 5, at scale', () => {
    const w = 300;
    const gt = new Uint8Array(w * w);
    const seg = new Uint8Array(w * w);
    for (let y = 0; y < 250; y++) for (let x = 0; x < 250; x++) gt[y * w + x] = 1;
    for (let y = 4; y < 254; y++) for (let x = 3; x < 253; x++) seg[y * w + x] = 1;
    expect(objectHausdorff({ width: w, height: w, data: seg }, { width: w, height: w, data: gt })).toBe(5);
  });

  it('objectHausdorff 5x5 both empty: 0; one empty: diagonal sqrt(50), or emptyDistance', () => {
    const empty = rows(['0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const one = rows(['0 0 0 0 0', '0 1 1 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectHausdorff(empty, empty)).toBe(0);
    expect(objectHausdorff(one, empty)).toBe(Math.sqrt(50));
    expect(objectHausdorff(empty, one)).toBe(Math.sqrt(50));
    expect(objectHausdorff(empty, one, { emptyDistance: Infinity })).toBe(Infinity);
    expect(objectHausdorff(empty, one, { emptyDistance: 100 })).toBe(100);
    expect(objectHausdorff(empty, empty, { emptyDistance: Infinity })).toBe(0);
  });

  it('objectHausdorff rejects a negative or NaN emptyDistance', () => {
    const m = rows(['1 0']);
    expect(() => objectHausdorff(m, m, { emptyDistance: -1 })).toThrow(/emptyDistance/);
    expect(() => objectHausdorff(m, m, { emptyDistance: Number.NaN })).toThrow(/emptyDistance/);
  });
});

/** Brute-force Warwick object Hausdorff: pixel lists, all pixel pairs, nearest over all candidates. */
function referenceObjectHausdorff(s: LabelMap, g: LabelMap): number {
  const objects = (m: LabelMap) => {
    const byLabel = new Map<number, [number, number][]>();
    m.data.forEach((v, p) => {
      if (v === 0) return;
      if (!byLabel.has(v)) byLabel.set(v, []);
      byLabel.get(v)!.push([p % m.width, Math.floor(p / m.width)]);
    });
    return [...byLabel.entries()].sort((a, b) => a[0] - b[0]);
  };
  const h = (a: [number, number][], b: [number, number][]) => {
    const directed = (p: [number, number][], q: [number, number][]) =>
      Math.max(...p.map(([x, y]) => Math.min(...q.map(([u, v]) => (x - u) ** 2 + (y - v) ** 2))));
    return Math.sqrt(Math.max(directed(a, b), directed(b, a)));
  };
  const os = objects(s);
  const og = objects(g);
  if (os.length === 0 && og.length === 0) return 0;
  if (os.length === 0 || og.length === 0) return Math.hypot(s.width, s.height);
  const side = (own: [number, [number, number][]][], other: [number, [number, number][]][], otherMap: LabelMap) => {
    const total = own.reduce((t, [, px]) => t + px.length, 0);
    let sum = 0;
    for (const [, px] of own) {
      const counts = new Map<number, number>();
      for (const [x, y] of px) {
        const l = otherMap.data[y * otherMap.width + x];
        if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
      }
      let partner: [number, number][];
      if (counts.size > 0) {
        const [label] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
        partner = other.find(([l]) => l === label)![1];
      } else {
        partner = other.map(([, q]) => [h(px, q), q] as const).sort((a, b) => a[0] - b[0])[0]![1];
      }
      sum += px.length * h(px, partner);
    }
    return sum / total;
  };
  return (side(os, og, g) + side(og, os, s)) / 2;
}

describe('objectHausdorff against a brute-force reference', () => {
  it('objectHausdorff 72x54 seeded GlaS-like maps (16 seeds) equal the pixel-pair brute force', () => {
    for (let seed = 1; seed <= 16; seed++) {
      const { segmentation, groundTruth } = syntheticGlandPair({
        seed,
        width: 72,
        height: 54,
        glands: 7,
        radius: [3, 14],
      });
      const expected = referenceObjectHausdorff(segmentation, groundTruth);
      expect(Math.abs(objectHausdorff(segmentation, groundTruth) - expected)).toBeLessThanOrEqual(1e-9);
    }
  });
});
