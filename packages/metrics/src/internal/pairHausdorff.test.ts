import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../test/mulberry32';
import { indexObjects } from './indexObjects';
import { hausdorffLowerBoundSquared, pairHausdorffSquared } from './pairHausdorff';

function bruteForce(a: [number, number][], b: [number, number][]): number {
  const directed = (p: [number, number][], q: [number, number][]) =>
    Math.max(...p.map(([x, y]) => Math.min(...q.map(([u, v]) => (x - u) ** 2 + (y - v) ** 2))));
  return Math.max(directed(a, b), directed(b, a));
}

describe('pairHausdorffSquared', () => {
  it('pairHausdorffSquared 40x30 random scattered objects equals brute force, and the box bound holds', () => {
    const rand = mulberry32(11);
    const w = 40;
    const h = 30;
    for (let trial = 0; trial < 40; trial++) {
      const s = new Uint8Array(w * h);
      const g = new Uint8Array(w * h);
      const ptsS: [number, number][] = [];
      const ptsG: [number, number][] = [];
      // a random blob-ish set each: a few random rectangles, some disjoint pieces
      for (const [data, pts] of [
        [s, ptsS],
        [g, ptsG],
      ] as const) {
        const pieces = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < pieces; k++) {
          const x0 = Math.floor(rand() * w);
          const y0 = Math.floor(rand() * h);
          const x1 = Math.min(w - 1, x0 + Math.floor(rand() * 8));
          const y1 = Math.min(h - 1, y0 + Math.floor(rand() * 8));
          for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (rand() < 0.8) data[y * w + x] = 1;
        }
        if (!data.some((v) => v)) data[0] = 1;
        data.forEach((v, p) => v && pts.push([p % w, Math.floor(p / w)]));
      }
      const os = indexObjects({ width: w, height: h, data: s });
      const og = indexObjects({ width: w, height: h, data: g });
      const exact = bruteForce(ptsS, ptsG);
      expect(pairHausdorffSquared(os, 1, og, 1)).toBe(exact);
      expect(pairHausdorffSquared(og, 1, os, 1)).toBe(exact);
      expect(hausdorffLowerBoundSquared(os, 1, og, 1)).toBeLessThanOrEqual(exact);
    }
  });

  it('pairHausdorffSquared 160x120 solid discs and bars far apart (row envelopes, interval columns) equals brute force', () => {
    const rand = mulberry32(5);
    const w = 160;
    const h = 120;
    for (let trial = 0; trial < 12; trial++) {
      const s = new Uint8Array(w * h);
      const g = new Uint8Array(w * h);
      for (const data of [s, g]) {
        // two solid shapes per set (one object in two pieces), often far apart horizontally
        for (let k = 0; k < 2; k++) {
          const cx = rand() * w;
          const cy = rand() * h;
          const rx = 2 + rand() * 18;
          const ry = 2 + rand() * 18;
          for (let y = 0; y < h; y++)
            for (let x = 0; x < w; x++) if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) data[y * w + x] = 1;
        }
        if (!data.some((v) => v)) data[w + 1] = 1;
      }
      const pts = (d: Uint8Array) =>
        Array.from(d).flatMap((v, p): [number, number][] => (v ? [[p % w, Math.floor(p / w)]] : []));
      const os = indexObjects({ width: w, height: h, data: s });
      const og = indexObjects({ width: w, height: h, data: g });
      const exact = bruteForce(pts(s), pts(g));
      expect(pairHausdorffSquared(os, 1, og, 1)).toBe(exact);
      expect(pairHausdorffSquared(og, 1, os, 1)).toBe(exact);
    }
  });

  it('pairHausdorffSquared 30x40 striped object (many intervals per column, full vertical pass) equals brute force', () => {
    const w = 30;
    const h = 40;
    const s = new Uint8Array(w * h);
    const g = new Uint8Array(w * h);
    for (let y = 0; y < h; y += 2) for (let x = 5; x < 26; x++) s[y * w + x] = 1; // 20 stripes
    // G contains the stripes, so only G -> stripes counts: the distance transform of the stripes
    // (20 intervals in each of 21 columns) runs as a full vertical pass
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (x < 27 || y > 30) g[y * w + x] = 1;
    const pts = (d: Uint8Array) =>
      Array.from(d).flatMap((v, p): [number, number][] => (v ? [[p % w, Math.floor(p / w)]] : []));
    const os = indexObjects({ width: w, height: h, data: s });
    const og = indexObjects({ width: w, height: h, data: g });
    const exact = bruteForce(pts(s), pts(g));
    expect(pairHausdorffSquared(os, 1, og, 1)).toBe(exact);
    expect(pairHausdorffSquared(og, 1, os, 1)).toBe(exact);
  });

  it('pairHausdorffSquared 6x1 nested sets: only the uncovered side counts', () => {
    const s = indexObjects({ width: 6, height: 1, data: new Uint8Array([1, 1, 1, 1, 1, 1]) });
    const g = indexObjects({ width: 6, height: 1, data: new Uint8Array([0, 0, 1, 0, 0, 0]) });
    expect(pairHausdorffSquared(s, 1, g, 1)).toBe(9); // pixel 5 is 3 from pixel 2
    expect(hausdorffLowerBoundSquared(s, 1, g, 1)).toBe(9); // the box bound is tight here
  });
});
