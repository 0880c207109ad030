import { ColumnArray, ColumnIntervals, type ColumnDistances } from './columnIntervals';
import { envelope, envelopeBuffers, NO_TARGET, scratch, verticalPass } from './edt';
import type { IndexedObjects } from './indexObjects';

let maskBuf = new Uint8Array(0);
let rowBuf = new Int32Array(0);
const intervals = new ColumnIntervals();
const columnArray = new ColumnArray();

/** Columns searched on each side of a query pixel before building the row's lower envelope instead. */
const LOCAL_REACH = 32;
/** Above this many vertical intervals per window column, a full vertical pass is cheaper. */
const MAX_INTERVALS_PER_COLUMN = 3;

/**
 * How many following pixels of a row can be skipped after one at squared distance ≤ d when the
 * running maximum is `best`: distances are 1-Lipschitz, so pixel x + k is within sqrt(d) + k of the
 * target and cannot raise the maximum while sqrt(d) + k ≤ sqrt(best). Rounded down, never negative.
 */
function skipAhead(best: number, d: number): number {
  const k = Math.floor(Math.sqrt(best) - Math.sqrt(d) - 1e-9);
  return Math.max(k, 0);
}

/** Sets the pixels of object `id` to 1 in a window mask. */
function paint(o: IndexedObjects, id: number, mask: Uint8Array, x0: number, y0: number, w: number): void {
  for (let k = o.objectRunStart[id]!; k < o.objectRunStart[id + 1]!; k++) {
    const r = o.objectRuns[k]!;
    const off = (o.runY[r]! - y0) * w - x0;
    mask.fill(1, off + o.runX0[r]!, off + o.runX1[r]! + 1);
  }
}

/** Vertical distances to object `id` of `o` in the window: intervals per column, or a full pass. */
function columnsOf(o: IndexedObjects, id: number, x0: number, y0: number, w: number, h: number): ColumnDistances {
  intervals.build(o, id, x0, y0, w);
  if (intervals.count <= MAX_INTERVALS_PER_COLUMN * w) return intervals;
  const n = w * h;
  if (maskBuf.length < n) maskBuf = new Uint8Array(Math.max(n, maskBuf.length * 2));
  if (columnArray.col.length < n) columnArray.col = new Int32Array(Math.max(n, columnArray.col.length * 2));
  maskBuf.fill(0, 0, n);
  paint(o, id, maskBuf, x0, y0, w);
  columnArray.w = w;
  verticalPass(maskBuf, 1, w, h, columnArray.col);
  return columnArray;
}

/** Pixels shared by object `a` of `x` and object `b` of `y`, from their runs (two same-size maps). */
function sharedPixels(x: IndexedObjects, a: number, y: IndexedObjects, b: number): number {
  let i = x.objectRunStart[a]!;
  const iEnd = x.objectRunStart[a + 1]!;
  let j = y.objectRunStart[b]!;
  const jEnd = y.objectRunStart[b + 1]!;
  let shared = 0;
  while (i < iEnd && j < jEnd) {
    const r = x.objectRuns[i]!;
    const q = y.objectRuns[j]!;
    const ry = x.runY[r]!;
    const qy = y.runY[q]!;
    if (ry !== qy) {
      if (ry < qy) i++;
      else j++;
      continue;
    }
    const lo = Math.max(x.runX0[r]!, y.runX0[q]!);
    const hi = Math.min(x.runX1[r]!, y.runX1[q]!);
    if (lo <= hi) shared += hi - lo + 1;
    if (x.runX1[r]! < y.runX1[q]!) i++;
    else j++;
  }
  return shared;
}

/**
 * max(floor, max over the pixels of object `id` of `o` outside object `tid` of `t` of the squared
 * distance to the nearest pixel of that target object), where `cols` gives the vertical distance to the
 * nearest target pixel in each column. Returns early, with a value > `cap`, once the maximum exceeds
 * `cap` (the caller only needs to know that it does).
 *
 * Exact. Pixels inside the target (distance 0) are skipped run by run. Each pixel gets an upper bound on its distance from the target pixel straight above/below
 * it and the nearest one in its own row; if that is ≤ the running maximum the pixel is skipped (and
 * so are the next k pixels of the row, as distances are 1-Lipschitz). Otherwise columns are searched
 * outwards while (x − q)² is below its best candidate, stopping early once the candidate is ≤ the
 * running maximum; beyond `LOCAL_REACH` columns the row's Felzenszwalb–Huttenlocher lower envelope
 * is built (once per row) and answers this and every later pixel of the row exactly.
 */
function directedMax(
  o: IndexedObjects,
  id: number,
  t: IndexedObjects,
  tid: number,
  cols: ColumnDistances,
  x0: number,
  y0: number,
  w: number,
  floor: number,
  cap: number,
): number {
  const { v, fv, z } = envelopeBuffers();
  const tRuns = t.objectRuns;
  const tEnd = t.objectRunStart[tid + 1]!;
  let tk = t.objectRunStart[tid]!; // first target run of the current row or later
  let best = floor;
  let row = -1;
  let built = false;
  let j = 0;
  for (let k = o.objectRunStart[id]!; k < o.objectRunStart[id + 1]!; k++) {
    const r = o.objectRuns[k]!;
    const Y = o.runY[r]!;
    const yy = Y - y0;
    if (yy !== row) {
      row = yy;
      built = false;
      while (tk < tEnd && t.runY[tRuns[tk]!]! < Y) tk++;
    }
    // Walk the run in segments between the target's runs of this row: pixels inside a target run
    // are at distance 0; a segment's pixels know the target pixels on their left and right.
    let tp = tk; // first target run of this row that ends at or after X, if any
    const qEnd = o.runX1[r]!;
    let X = o.runX0[r]!;
    while (X <= qEnd) {
      while (tp < tEnd && t.runY[tRuns[tp]!] === Y && t.runX1[tRuns[tp]!]! < X) tp++;
      const hasRight = tp < tEnd && t.runY[tRuns[tp]!] === Y;
      const right = hasRight ? t.runX0[tRuns[tp]!]! : 0;
      if (hasRight && right <= X) {
        X = t.runX1[tRuns[tp]!]! + 1;
        continue;
      }
      const hasLeft = tp > tk;
      const left = hasLeft ? t.runX1[tRuns[tp - 1]!]! : 0;
      const segEnd = hasRight && right - 1 < qEnd ? right - 1 : qEnd;
      for (; X <= segEnd; X++) {
        const x = X - x0;
        let d: number;
        if (built) {
          while (z[j + 1]! < x) j++;
          const dx = x - v[j]!;
          d = dx * dx + fv[j]!;
        } else {
          const c = cols.distance(x, yy);
          d = c < NO_TARGET ? c * c : Infinity;
          if (hasRight && (right - X) * (right - X) < d) d = (right - X) * (right - X);
          if (hasLeft && (X - left) * (X - left) < d) d = (X - left) * (X - left);
          if (d > best) {
            let step = 1;
            for (; step <= LOCAL_REACH && step * step < d; step++) {
              if (x >= step) {
                const cl = cols.distance(x - step, yy);
                if (cl < NO_TARGET) {
                  const q = step * step + cl * cl;
                  if (q < d) d = q;
                }
              }
              if (x + step < w) {
                const cr = cols.distance(x + step, yy);
                if (cr < NO_TARGET) {
                  const q = step * step + cr * cr;
                  if (q < d) d = q;
                }
              }
              if (d <= best) break;
            }
            if (d > best && step * step < d) {
              cols.row(yy, w, rowBuf);
              envelope(rowBuf, 0, w);
              built = true;
              j = 0;
              while (z[j + 1]! < x) j++;
              const dx = x - v[j]!;
              d = dx * dx + fv[j]!;
            }
          }
        }
        if (d > best) {
          best = d;
          if (best > cap) return best;
        } else {
          X += skipAhead(best, d);
        }
      }
    }
  }
  return best;
}

/**
 * Squared symmetric Hausdorff distance between the full pixel sets of object `a` of `x` and object
 * `b` of `y` (two maps of the same size), an exact integer (or, when `cap` is given and the
 * distance exceeds it, some value > `cap`: enough for a nearest-object search):
 * H(A, B)^2 = max( max_{p ∈ A} d(p, B)^2, max_{q ∈ B} d(q, A)^2 ).
 *
 * Works in the union of the two bounding boxes only: every pixel of A and B lies in that window, so
 * distances to B computed within the window are exact distances to B. Pixels of A ∩ B are at
 * distance 0 and skipped. Vertical distances come from per-column intervals of the target object
 * (or a full vertical pass when it is very fragmented), then each pixel of A \ B searches along its
 * row, falling back to the row's lower envelope (the second pass of an exact Euclidean distance
 * transform). Cost: linear in the window and object areas; never quadratic in object size.
 */
export function pairHausdorffSquared(
  x: IndexedObjects,
  a: number,
  y: IndexedObjects,
  b: number,
  cap = Infinity,
): number {
  const x0 = Math.min(x.minX[a]!, y.minX[b]!);
  const x1 = Math.max(x.maxX[a]!, y.maxX[b]!);
  const y0 = Math.min(x.minY[a]!, y.minY[b]!);
  const y1 = Math.max(x.maxY[a]!, y.maxY[b]!);
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  if (rowBuf.length < w) rowBuf = new Int32Array(Math.max(w, rowBuf.length * 2));
  scratch(0, w);
  const shared = sharedPixels(x, a, y, b);
  // Only the larger of the two directed distances matters, so each direction's search starts from
  // the best value known so far (the bounding-box lower bound, then the first direction's result).
  let result = hausdorffLowerBoundSquared(x, a, y, b);
  if (result > cap) return result;
  if (x.area[a]! > shared) {
    const cols = columnsOf(y, b, x0, y0, w, h);
    result = directedMax(x, a, y, b, cols, x0, y0, w, result, cap);
    if (result > cap) return result;
  }
  if (y.area[b]! > shared) {
    const cols = columnsOf(x, a, x0, y0, w, h);
    result = directedMax(y, b, x, a, cols, x0, y0, w, result, cap);
  }
  return result;
}

/**
 * A lower bound on the squared Hausdorff distance between objects `a` of `x` and `b` of `y` from
 * their bounding boxes alone: the extreme pixel of A beyond B's box in some direction is at least
 * that far from every pixel of B (and vice versa), and no two pixels are closer than the gap between
 * the boxes.
 */
export function hausdorffLowerBoundSquared(x: IndexedObjects, a: number, y: IndexedObjects, b: number): number {
  const protrusion = Math.max(
    0,
    y.minX[b]! - x.minX[a]!,
    x.maxX[a]! - y.maxX[b]!,
    y.minY[b]! - x.minY[a]!,
    x.maxY[a]! - y.maxY[b]!,
    x.minX[a]! - y.minX[b]!,
    y.maxX[b]! - x.maxX[a]!,
    x.minY[a]! - y.minY[b]!,
    y.maxY[b]! - x.maxY[a]!,
  );
  const gapX = Math.max(0, y.minX[b]! - x.maxX[a]!, x.minX[a]! - y.maxX[b]!);
  const gapY = Math.max(0, y.minY[b]! - x.maxY[a]!, x.minY[a]! - y.maxY[b]!);
  return Math.max(protrusion * protrusion, gapX * gapX + gapY * gapY);
}
