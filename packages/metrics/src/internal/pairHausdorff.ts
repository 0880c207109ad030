import { maxSquaredDistance } from './edt';
import type { IndexedObjects } from './indexObjects';

let maskBuf = new Uint8Array(0);
let rowBuf = new Uint8Array(0);

const A = 1;
const B = 2;

/**
 * Squared symmetric Hausdorff distance between the full pixel sets of object `a` of `x` and object
 * `b` of `y` (two maps of the same size), an exact integer:
 * H(A, B)^2 = max( max_{p ∈ A} d(p, B)^2, max_{q ∈ B} d(q, A)^2 ).
 *
 * Works in the union of the two bounding boxes only: every pixel of A and B lies in that window, so a
 * distance transform of B restricted to the window gives the exact distance from each pixel of A to
 * B (and vice versa). Cost is linear in the window area, not quadratic in the object sizes; rows
 * with no pixel of A \ B (resp. B \ A) skip the row pass.
 */
export function pairHausdorffSquared(x: IndexedObjects, a: number, y: IndexedObjects, b: number): number {
  const W = x.width;
  const x0 = Math.min(x.minX[a], y.minX[b]);
  const x1 = Math.max(x.maxX[a], y.maxX[b]);
  const y0 = Math.min(x.minY[a], y.minY[b]);
  const y1 = Math.max(x.maxY[a], y.maxY[b]);
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  if (maskBuf.length < w * h) maskBuf = new Uint8Array(Math.max(w * h, maskBuf.length * 2));
  if (rowBuf.length < h) rowBuf = new Uint8Array(Math.max(h, rowBuf.length * 2));
  const mask = maskBuf;
  const rows = rowBuf;
  const xi = x.index;
  const yi = y.index;
  let onlyA = 0;
  let onlyB = 0;
  for (let r = 0, q = 0; r < h; r++) {
    let flags = 0;
    let p = (y0 + r) * W + x0;
    for (let c = 0; c < w; c++, q++, p++) {
      const m = (xi[p] === a ? A : 0) | (yi[p] === b ? B : 0);
      mask[q] = m;
      if (m === A) {
        onlyA++;
        flags |= A;
      } else if (m === B) {
        onlyB++;
        flags |= B;
      }
    }
    rows[r] = flags;
  }
  const ab = onlyA > 0 ? maxSquaredDistance(mask, B, A, w, h, rows) : 0;
  const ba = onlyB > 0 ? maxSquaredDistance(mask, A, B, w, h, rows) : 0;
  return ab > ba ? ab : ba;
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
