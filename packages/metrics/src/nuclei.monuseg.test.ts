// AJI, AJI+ and PQ on the 13 real MoNuSeg training tiles (../shared/data/monuseg/train, 1000x1000,
// 16-bit instance maps with ~300-470 nuclei, some in several pieces), when they are there.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monusegAvailable, monusegTrainDir, readLabelPng } from './__fixtures__/monuseg';
import { aggregatedJaccardIndex } from './aggregatedJaccardIndex';
import { aggregatedJaccardIndexPlus } from './aggregatedJaccardIndexPlus';
import { evaluate } from './evaluate';
import { panopticQuality } from './panopticQuality';
import type { LabelMap } from './types';

if (!monusegAvailable) console.log(`nuclei metrics on MoNuSeg skipped: ${monusegTrainDir} absent`);

/** Each label kept where its 4 neighbours carry it too (erosion), shifted by (dx, dy), relabelled to huge uint32 labels. */
function perturb(gt: LabelMap, dx: number, dy: number): LabelMap {
  const { width: W, height: H, data } = gt;
  const out = new Uint32Array(W * H);
  for (let y = 1; y < H - 1; y++) {
    for (let x = 1; x < W - 1; x++) {
      const p = y * W + x;
      const l = data[p]!;
      if (l === 0 || data[p - 1] !== l || data[p + 1] !== l || data[p - W] !== l || data[p + W] !== l) continue;
      const xx = x + dx;
      const yy = y + dy;
      if (xx >= 0 && xx < W && yy >= 0 && yy < H) out[yy * W + xx] = 4_000_000_000 - l * 9973;
    }
  }
  return { width: W, height: H, data: out };
}

/** Slow, independent reference: pixel lists per object, pair counts in a Map keyed by 'g,s' strings. */
function reference(seg: LabelMap, gt: LabelMap) {
  const area = (m: LabelMap) => {
    const a = new Map<number, number>();
    m.data.forEach((v) => v && a.set(v, (a.get(v) ?? 0) + 1));
    return a;
  };
  const as = area(seg);
  const ag = area(gt);
  const inter = new Map<string, number>();
  for (let p = 0; p < gt.data.length; p++) {
    if (gt.data[p] && seg.data[p])
      inter.set(`${gt.data[p]},${seg.data[p]}`, (inter.get(`${gt.data[p]},${seg.data[p]}`) ?? 0) + 1);
  }
  const pairs = [...inter].map(([k, i]) => {
    const [g, s] = k.split(',').map(Number) as [number, number];
    return { g, s, i, u: ag.get(g)! + as.get(s)! - i };
  });
  // AJI
  let C = 0;
  let U = 0;
  const used = new Set<number>();
  for (const [g, a] of ag) {
    const cand = pairs.filter((q) => q.g === g).sort((p, q) => q.i / q.u - p.i / p.u || p.s - q.s);
    if (cand.length === 0) U += a;
    else {
      C += cand[0]!.i;
      U += cand[0]!.u;
      used.add(cand[0]!.s);
    }
  }
  for (const [s, a] of as) if (!used.has(s)) U += a;
  const aji = C / U;
  // AJI+
  const sorted = [...pairs].sort((p, q) => q.i / q.u - p.i / p.u || p.g - q.g || p.s - q.s);
  const pg = new Set<number>();
  const ps = new Set<number>();
  C = 0;
  U = 0;
  for (const q of sorted) {
    if (pg.has(q.g) || ps.has(q.s)) continue;
    pg.add(q.g);
    ps.add(q.s);
    C += q.i;
    U += q.u;
  }
  for (const [g, a] of ag) if (!pg.has(g)) U += a;
  for (const [s, a] of as) if (!ps.has(s)) U += a;
  const ajiPlus = C / U;
  // PQ at 0.5
  const matches = pairs.filter((q) => q.i / q.u > 0.5);
  const tp = matches.length;
  const fp = as.size - tp;
  const fn = ag.size - tp;
  const dq = tp / (tp + fp / 2 + fn / 2);
  const sq = tp ? matches.reduce((t, q) => t + q.i / q.u, 0) / tp : 0;
  return { aji, ajiPlus, pq: dq * sq, dq, sq, tp, fp, fn };
}

describe.skipIf(!monusegAvailable)(`nuclei metrics on the real MoNuSeg tiles (${monusegTrainDir})`, () => {
  const files = monusegAvailable
    ? readdirSync(monusegTrainDir)
        .filter((f) => f.endsWith('_label.png'))
        .sort()
    : [];
  const maps = files.map((f) => ({ id: f.replace('_label.png', ''), gt: readLabelPng(join(monusegTrainDir, f)) }));

  it('13 tiles against themselves: AJI = AJI+ = PQ = DQ = SQ = 1, every nucleus a PQ match', () => {
    expect(maps.length).toBe(13);
    const r = evaluate(
      maps.map((m) => ({ id: m.id, segmentation: m.gt, groundTruth: m.gt })),
      { metrics: 'nuclei' },
    );
    expect(r.perImageMean).toEqual({ aji: 1, ajiPlus: 1, pq: 1, dq: 1, sq: 1 });
    const nuclei = r.images.reduce((t, row) => t + row.numGroundTruth, 0);
    expect(nuclei).toBeGreaterThan(4000);
    for (const row of r.images) expect([row.pqTp, row.pqFp, row.pqFn]).toEqual([row.numGroundTruth, 0, 0]);
  });

  it('3 tiles eroded, shifted by (1, 2) and relabelled to huge labels: equal to a slow reference to 1e-12', () => {
    for (const { id, gt } of maps.slice(0, 3)) {
      const seg = perturb(gt, 1, 2);
      const e = reference(seg, gt);
      const aji = aggregatedJaccardIndex(seg, gt);
      const ajiPlus = aggregatedJaccardIndexPlus(seg, gt);
      const pq = panopticQuality(seg, gt);
      expect([pq.tp, pq.fp, pq.fn], id).toEqual([e.tp, e.fp, e.fn]);
      expect(Math.abs(aji - e.aji), id).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(ajiPlus - e.ajiPlus), id).toBeLessThanOrEqual(1e-12);
      for (const k of ['pq', 'dq', 'sq'] as const)
        expect(Math.abs(pq[k] - e[k]), `${id} ${k}`).toBeLessThanOrEqual(1e-12);
      // a realistic range: erosion + shift cost a good part of each small nucleus
      expect(aji).toBeGreaterThan(0.2);
      expect(aji).toBeLessThan(0.9);
    }
  });
});
