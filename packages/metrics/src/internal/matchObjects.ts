import type { IndexedObjects } from './indexObjects';

/**
 * Overlap-based correspondence between the objects of two maps (internal), as the Warwick GlaS code
 * defines it: each object is matched to the object of the other map that covers most of its pixels
 * (background never counts); ties go to the smallest label; an object overlapping no object of the
 * other map has match 0.
 */
export interface Matching {
  readonly s: IndexedObjects;
  readonly g: IndexedObjects;
  /** For each segmented object 1..s.count: index of its matched ground-truth object, or 0. */
  readonly sMatch: Int32Array;
  /** Pixels shared by each segmented object and its match. */
  readonly sOverlap: Float64Array;
  /** For each ground-truth object 1..g.count: index of its matched segmented object, or 0. */
  readonly gMatch: Int32Array;
  /** Pixels shared by each ground-truth object and its match. */
  readonly gOverlap: Float64Array;
}

/** Counts the overlap of every (segmented, ground-truth) object pair that shares a pixel, then matches. */
export function matchObjects(s: IndexedObjects, g: IndexedObjects): Matching {
  const sMatch = new Int32Array(s.count + 1);
  const sOverlap = new Float64Array(s.count + 1);
  const gMatch = new Int32Array(g.count + 1);
  const gOverlap = new Float64Array(g.count + 1);
  const consider = (si: number, gi: number, c: number): void => {
    if (c > sOverlap[si] || (c === sOverlap[si] && gi < sMatch[si])) {
      sOverlap[si] = c;
      sMatch[si] = gi;
    }
    if (c > gOverlap[gi] || (c === gOverlap[gi] && si < gMatch[gi])) {
      gOverlap[gi] = c;
      gMatch[gi] = si;
    }
  };

  const stride = g.count + 1;
  const numericKeys = (s.count + 1) * stride <= Number.MAX_SAFE_INTEGER;
  const counts = new Map<number, number>();
  const nested = new Map<number, Map<number, number>>();
  const add = (si: number, gi: number, run: number): void => {
    if (numericKeys) {
      const key = si * stride + gi;
      counts.set(key, (counts.get(key) ?? 0) + run);
    } else {
      let row = nested.get(si);
      if (!row) nested.set(si, (row = new Map()));
      row.set(gi, (row.get(gi) ?? 0) + run);
    }
  };

  const si = s.index;
  const gi = g.index;
  const n = si.length;
  let lastS = 0;
  let lastG = 0;
  let run = 0;
  for (let p = 0; p < n; p++) {
    const a = si[p];
    const b = gi[p];
    if (a === 0 || b === 0) continue;
    if (a === lastS && b === lastG) {
      run++;
    } else {
      if (run > 0) add(lastS, lastG, run);
      lastS = a;
      lastG = b;
      run = 1;
    }
  }
  if (run > 0) add(lastS, lastG, run);

  if (numericKeys) {
    for (const [key, c] of counts) consider(Math.floor(key / stride), key % stride, c);
  } else {
    for (const [a, row] of nested) for (const [b, c] of row) consider(a, b, c);
  }
  return { s, g, sMatch, sOverlap, gMatch, gOverlap };
}
