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
  /** For each segmented object 1..s.count: id of its matched ground-truth object, or 0. */
  readonly sMatch: Int32Array;
  /** Pixels shared by each segmented object and its match. */
  readonly sOverlap: Float64Array;
  /** For each ground-truth object 1..g.count: id of its matched segmented object, or 0. */
  readonly gMatch: Int32Array;
  /** Pixels shared by each ground-truth object and its match. */
  readonly gOverlap: Float64Array;
}

/**
 * Counts the overlap of every (segmented, ground-truth) object pair that shares a pixel by merging
 * the two maps' runs row by row (work proportional to the number of runs, not pixels), then matches.
 */
export function matchObjects(s: IndexedObjects, g: IndexedObjects): Matching {
  const sMatch = new Int32Array(s.count + 1);
  const sOverlap = new Float64Array(s.count + 1);
  const gMatch = new Int32Array(g.count + 1);
  const gOverlap = new Float64Array(g.count + 1);

  const stride = g.count + 1;
  const numericKeys = (s.count + 1) * stride <= Number.MAX_SAFE_INTEGER;
  const counts = new Map<number | string, number>();
  for (let y = 0; y < s.height; y++) {
    let i = s.rowStart[y]!;
    const iEnd = s.rowStart[y + 1]!;
    let j = g.rowStart[y]!;
    const jEnd = g.rowStart[y + 1]!;
    while (i < iEnd && j < jEnd) {
      const lo = Math.max(s.runX0[i]!, g.runX0[j]!);
      const hi = Math.min(s.runX1[i]!, g.runX1[j]!);
      if (lo <= hi) {
        const a = s.runId[i]!;
        const b = g.runId[j]!;
        const key = numericKeys ? a * stride + b : `${a},${b}`;
        counts.set(key, (counts.get(key) ?? 0) + hi - lo + 1);
      }
      if (s.runX1[i]! < g.runX1[j]!) i++;
      else j++;
    }
  }

  const sLabels = s.labels;
  const gLabels = g.labels;
  for (const [key, c] of counts) {
    let a: number;
    let b: number;
    if (typeof key === 'number') {
      a = Math.floor(key / stride);
      b = key - a * stride;
    } else {
      [a, b] = key.split(',').map(Number) as [number, number];
    }
    if (c > sOverlap[a]! || (c === sOverlap[a] && gLabels[b]! < gLabels[sMatch[a]!]!)) {
      sOverlap[a] = c;
      sMatch[a] = b;
    }
    if (c > gOverlap[b]! || (c === gOverlap[b] && sLabels[a]! < sLabels[gMatch[b]!]!)) {
      gOverlap[b] = c;
      gMatch[b] = a;
    }
  }
  return { s, g, sMatch, sOverlap, gMatch, gOverlap };
}
