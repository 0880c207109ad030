import { ColumnArray, ColumnIntervals, type ColumnDistances } from './columnIntervals';
import { envelope, envelopeBuffers, NO_TARGET, scratch, verticalPass } from './edt';
import type { IndexedObjects } from './indexObjects';

let maskBuf = new Uint8Array(0);
let rowBuf = new Int32Array(0);
const intervals = new ColumnIntervals();
const columnArray = new ColumnArray();

const A = 1;
const B = 2;
/** Columns searched on each side of a query pixel before building the row's lower envelope. */
const LOCAL_REACH = 6;
/** Above this many vertical intervals per window column, a full vertical pass is cheaper. */
const MAX_INTERVALS_PER_COLUMN = 3;

/**
 * How many following pixels of a row can be skipped after one at squared distance ≤ d when the
 * running maximum is `best`: distances are 1-Lipschitz, so pixel x + k is within sqrt(d) + k of the
 * target and cannot raise the maximum while sqrt(d) + k ≤ sqrt(best). Rounded down, never negative.
 */
function skipAhead(best: number, d: number): number {
  const k = Math.floor(Math.sqrt(best) - Math.sqrt(d) - 1e-9);
  return k > 0 ? k : 0;
}

/** Sets `bit` on the pixels of object `id` inside the window; returns how many already had another bit. */
function paint(o: IndexedObjects, id: number, bit: number, mask: Uint8Array, x0: number, y0: number, w: number): number {
  let shared = 0;
  for (let k = o.objectRunStart[id]; k < o.objectRunStart[id + 1]; k++) {
    const r = o.objectRuns[k];
    const off = (o.runY[r] - y0) * w - x0;
    for (let x = o.runX0[r]; x <= o.runX1[r]; x++) {
      const m = mask[off + x];
      if (m !== 0) shared++;
      mask[off + x] = m | bit;
    }
  }
  return shared;
}

/** Vertical distances to object `id` of `o` in the window: intervals per column, or a full pass. */
function columnsOf(
  o: IndexedObjects,
  id: number,
  bit: number,
  mask: Uint8Array,
  x0: number,
  y0: number,
  w: number,
  h: number,
): ColumnDistances {
  intervals.build(o, id, x0, y0, w);
  if (intervals.count <= MAX_INTERVALS_PER_COLUMN * w) return intervals;
  if (columnArray.col.length < w * h) columnArray.col = new Int32Array(Math.max(w * h, columnArray.col.length * 2));
  columnArray.w = w;
  verticalPass(mask, bit, w, h, columnArray.col);
  return columnArray;
}

/**
 * max(floor, max over the pixels of object `id` that carry only `bit` of the squared distance to the
 * nearest target pixel), where `cols` gives the vertical distance to the nearest target pixel in
 * each column.
 *
 * Exact, with shortcuts that never change the result: a pixel whose vertical distance (an upper
 * bound on its true distance) is already ≤ the running maximum is skipped, and the search along the
 * row stops as soon as the pixel's best candidate is ≤ that maximum (it cannot raise it). Otherwise
 * columns are searched outwards while (x − q)² < best; beyond `LOCAL_REACH` columns the row's
 * Felzenszwalb–Huttenlocher lower envelope is built (once per row) and answers this and every later
 * pixel of the row exactly.
 */
function directedMax(
  o: IndexedObjects,
  id: number,
  bit: number,
  mask: Uint8Array,
  cols: ColumnDistances,
  x0: number,
  y0: number,
  w: number,
  floor: number,
): number {
  const { v, fv, z } = envelopeBuffers();
  let best = floor;
  let row = -1;
  let built = false;
  let j = 0;
  for (let k = o.objectRunStart[id]; k < o.objectRunStart[id + 1]; k++) {
    const r = o.objectRuns[k];
    const yy = o.runY[r] - y0;
    const off = yy * w;
    if (yy !== row) {
      row = yy;
      built = false;
    }
    for (let x = o.runX0[r] - x0, xEnd = o.runX1[r] - x0; x <= xEnd; x++) {
      if (mask[off + x] !== bit) continue;
      if (built) {
        while (z[j + 1] < x) j++;
        const dx = x - v[j];
        const d = dx * dx + fv[j];
        if (d > best) best = d;
        else x += skipAhead(best, d);
        continue;
      }
      const c = cols.distance(x, yy);
      let d = c < NO_TARGET ? c * c : Infinity;
      if (d <= best) {
        // Distances are 1-Lipschitz: the next k pixels are within sqrt(d) + k of the target, so
        // while that stays ≤ sqrt(best) they cannot raise the maximum either.
        x += skipAhead(best, d);
        continue;
      }
      let step = 1;
      for (; step <= LOCAL_REACH && step * step < d; step++) {
        if (x >= step) {
          const cl = cols.distance(x - step, yy);
          if (cl < NO_TARGET) {
            const t = step * step + cl * cl;
            if (t < d) d = t;
          }
        }
        if (x + step < w) {
          const cr = cols.distance(x + step, yy);
          if (cr < NO_TARGET) {
            const t = step * step + cr * cr;
            if (t < d) d = t;
          }
        }
        if (d <= best) break;
      }
      if (d <= best) {
        x += skipAhead(best, d);
        continue;
      }
      if (step * step < d) {
        cols.row(yy, w, rowBuf);
        envelope(rowBuf, 0, w);
        built = true;
        j = 0;
        while (z[j + 1] < x) j++;
        const dx = x - v[j];
        d = dx * dx + fv[j];
      }
      if (d > best) best = d;
    }
  }
  return best;
}

/**
 * Squared symmetric Hausdorff distance between the full pixel sets of object `a` of `x` and object
 * `b` of `y` (two maps of the same size), an exact integer:
 * H(A, B)^2 = max( max_{p ∈ A} d(p, B)^2, max_{q ∈ B} d(q, A)^2 ).
 *
 * Works in the union of the two bounding boxes only: every pixel of A and B lies in that window, so
 * distances to B computed within the window are exact distances to B. Pixels of A ∩ B are at
 * distance 0 and skipped. Vertical distances come from per-column intervals of the target object
 * (or a full vertical pass when it is very fragmented), then each pixel of A \ B searches along its
 * row, falling back to the row's lower envelope (the second pass of an exact Euclidean distance
 * transform). Cost: linear in the window and object areas; never quadratic in object size.
 */
export function pairHausdorffSquared(x: IndexedObjects, a: number, y: IndexedObjects, b: number): number {
  const x0 = Math.min(x.minX[a], y.minX[b]);
  const x1 = Math.max(x.maxX[a], y.maxX[b]);
  const y0 = Math.min(x.minY[a], y.minY[b]);
  const y1 = Math.max(x.maxY[a], y.maxY[b]);
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const n = w * h;
  if (maskBuf.length < n) maskBuf = new Uint8Array(Math.max(n, maskBuf.length * 2));
  if (rowBuf.length < w) rowBuf = new Int32Array(Math.max(w, rowBuf.length * 2));
  scratch(0, w);
  const mask = maskBuf;
  mask.fill(0, 0, n);
  paint(x, a, A, mask, x0, y0, w);
  const shared = paint(y, b, B, mask, x0, y0, w);
  // Only the larger of the two directed distances matters, so each direction's search starts from
  // the best value known so far (the bounding-box lower bound, then the first direction's result).
  let result = hausdorffLowerBoundSquared(x, a, y, b);
  if (x.area[a] > shared) {
    const cols = columnsOf(y, b, B, mask, x0, y0, w, h);
    result = directedMax(x, a, A, mask, cols, x0, y0, w, result);
  }
  if (y.area[b] > shared) {
    const cols = columnsOf(x, a, A, mask, x0, y0, w, h);
    result = directedMax(y, b, B, mask, cols, x0, y0, w, result);
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
    y.minX[b] - x.minX[a],
    x.maxX[a] - y.maxX[b],
    y.minY[b] - x.minY[a],
    x.maxY[a] - y.maxY[b],
    x.minX[a] - y.minX[b],
    y.maxX[b] - x.maxX[a],
    x.minY[a] - y.minY[b],
    y.maxY[b] - x.maxY[a],
  );
  const gapX = Math.max(0, y.minX[b] - x.maxX[a], x.minX[a] - y.maxX[b]);
  const gapY = Math.max(0, y.minY[b] - x.maxY[a], x.minY[a] - y.maxY[b]);
  return Math.max(protrusion * protrusion, gapX * gapX + gapY * gapY);
}
