import { LabelValueError } from '../errors';
import type { LabelMap } from '../types';

/**
 * The objects of one map as the overlap table sees them (internal). Objects are numbered 1..count in
 * **ascending label order**, so "the smallest label" is always "the smallest id". Arrays indexed by
 * id have length count + 1; index 0 is background (label 0, area unused).
 */
export interface TableObjects {
  readonly count: number;
  /** Original label of each id (`labels[0] = 0`). */
  readonly labels: Float64Array;
  /** Pixels of each object. */
  readonly area: Float64Array;
  /** Pixels of all objects together. */
  readonly totalArea: number;
}

/**
 * Contingency table between the objects of a segmentation and of a ground truth (internal): every
 * pair of objects sharing at least one pixel, with the number of shared pixels, and every object's
 * area. Pairs are sorted by segmented id, then ground-truth id (both ascending = label order).
 */
export interface OverlapTable {
  readonly width: number;
  readonly height: number;
  readonly s: TableObjects;
  readonly g: TableObjects;
  readonly numPairs: number;
  /** Segmented object id of pair k. */
  readonly pairS: Int32Array;
  /** Ground-truth object id of pair k. */
  readonly pairG: Int32Array;
  /** Pixels shared by pair k (≥ 1). */
  readonly overlap: Float64Array;
}

/** Growable columns of (segmented id, ground-truth id, length) runs. */
class PairRuns {
  length = 0;
  s = new Int32Array(1024);
  g = new Int32Array(1024);
  len = new Int32Array(1024);

  push(s: number, g: number, len: number): void {
    const n = this.length;
    if (n === this.s.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(n * 2);
        b.set(a);
        return b;
      };
      this.s = grow(this.s);
      this.g = grow(this.g);
      this.len = grow(this.len);
    }
    this.s[n] = s;
    this.g[n] = g;
    this.len[n] = len;
    this.length = n + 1;
  }
}

/** Label → provisional id (order of first appearance), with a one-entry cache for the last label. */
class Compactor {
  private readonly idOf = new Map<number, number>();
  readonly seen: number[] = [0];
  private lastLabel = 0;
  private lastId = 0;

  constructor(
    private readonly name: string,
    private readonly width: number,
  ) {}

  id(v: number, p: number): number {
    if (v === this.lastLabel) return this.lastId;
    let id = this.idOf.get(v);
    if (id === undefined) {
      if (v < 0) {
        const x = p % this.width;
        throw new LabelValueError(
          this.name,
          p,
          `pixel (x=${x}, y=${(p - x) / this.width}) is ${v}; labels must be non-negative`,
        );
      }
      id = this.seen.length;
      this.seen.push(v);
      this.idOf.set(v, id);
    }
    this.lastLabel = v;
    this.lastId = id;
    return id;
  }

  /** Final ids in ascending label order: `rank[provisional id]`, and the sorted labels. */
  finish(): { rank: Int32Array; labels: Float64Array } {
    const count = this.seen.length - 1;
    const order = new Int32Array(count);
    for (let i = 0; i < count; i++) order[i] = i + 1;
    const seen = this.seen;
    order.sort((a, b) => seen[a]! - seen[b]!);
    const rank = new Int32Array(count + 1);
    const labels = new Float64Array(count + 1);
    for (let r = 0; r < count; r++) {
      rank[order[r]!] = r + 1;
      labels[r + 1] = seen[order[r]!]!;
    }
    return { rank, labels };
  }
}

/**
 * Builds the overlap table of two same-size label maps (already validated, e.g. by `coercePair`) in
 * one pass over the pixels: maximal stretches of constant (segmented, ground-truth) label pairs are
 * found in raster order (crossing row ends), labels are compacted through a Map only when they change,
 * and the pair stretches are then aggregated by two counting sorts (by ground-truth id, then stably
 * by segmented id) — no per-object image scans, no hashing of pairs, any label values up to 2^32 − 1.
 * Negative labels (signed storage) throw `LabelValueError` naming `sName` or `gName`.
 */
export function overlapTable(s: LabelMap, g: LabelMap, sName = 'segmentation', gName = 'groundTruth'): OverlapTable {
  const { width, height } = s;
  const a = s.data;
  const b = g.data;
  const n = a.length;
  const cs = new Compactor(sName, width);
  const cg = new Compactor(gName, width);
  const runs = new PairRuns();
  let p = 0;
  while (p < n) {
    const u = a[p]!;
    const v = b[p]!;
    let q = p + 1;
    while (q < n && a[q] === u && b[q] === v) q++;
    if (u !== 0 || v !== 0) runs.push(u === 0 ? 0 : cs.id(u, p), v === 0 ? 0 : cg.id(v, p), q - p);
    p = q;
  }

  const sFinal = cs.finish();
  const gFinal = cg.finish();
  const nS = sFinal.labels.length - 1;
  const nG = gFinal.labels.length - 1;
  const sArea = new Float64Array(nS + 1);
  const gArea = new Float64Array(nG + 1);
  let sTotal = 0;
  let gTotal = 0;
  const rs = runs.s;
  const rg = runs.g;
  const rl = runs.len;
  const perG = new Int32Array(nG + 2);
  const perS = new Int32Array(nS + 2);
  let both = 0;
  for (let r = 0; r < runs.length; r++) {
    const i = sFinal.rank[rs[r]!]!;
    const j = gFinal.rank[rg[r]!]!;
    rs[r] = i;
    rg[r] = j;
    const len = rl[r]!;
    if (i !== 0) {
      sArea[i]! += len;
      sTotal += len;
    }
    if (j !== 0) {
      gArea[j]! += len;
      gTotal += len;
    }
    if (i !== 0 && j !== 0) {
      perG[j + 1]!++;
      perS[i + 1]!++;
      both++;
    }
  }
  // Counting sort of the overlapping runs by ground-truth id, then stably by segmented id.
  for (let j = 1; j <= nG + 1; j++) perG[j]! += perG[j - 1]!;
  for (let i = 1; i <= nS + 1; i++) perS[i]! += perS[i - 1]!;
  const byG = new Int32Array(both);
  for (let r = 0; r < runs.length; r++) if (rs[r] !== 0 && rg[r] !== 0) byG[perG[rg[r]!]!++] = r;
  const sorted = new Int32Array(both);
  for (let k = 0; k < both; k++) {
    const r = byG[k]!;
    sorted[perS[rs[r]!]!++] = r;
  }
  // Aggregate equal consecutive pairs.
  const pairS = new Int32Array(both);
  const pairG = new Int32Array(both);
  const overlap = new Float64Array(both);
  let m = -1;
  for (let k = 0; k < both; k++) {
    const r = sorted[k]!;
    if (m >= 0 && pairS[m] === rs[r] && pairG[m] === rg[r]) {
      overlap[m]! += rl[r]!;
    } else {
      m++;
      pairS[m] = rs[r]!;
      pairG[m] = rg[r]!;
      overlap[m] = rl[r]!;
    }
  }
  const numPairs = m + 1;
  return {
    width,
    height,
    s: { count: nS, labels: sFinal.labels, area: sArea, totalArea: sTotal },
    g: { count: nG, labels: gFinal.labels, area: gArea, totalArea: gTotal },
    numPairs,
    pairS: pairS.subarray(0, numPairs),
    pairG: pairG.subarray(0, numPairs),
    overlap: overlap.subarray(0, numPairs),
  };
}
