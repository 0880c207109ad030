import { NO_TARGET } from './edt';
import type { IndexedObjects } from './indexObjects';

/**
 * The pixels of one object as vertical intervals per column of a window (internal): answers "how
 * far, vertically, is the nearest pixel of the object in column x from row y" without a pass over
 * the whole window. Built from the object's runs in one pass over its pixels.
 */
export interface ColumnDistances {
  /** Vertical distance from (x, y) to the nearest target pixel in column x, or NO_TARGET. */
  distance(x: number, y: number): number;
  /** Writes the vertical distances of row y for columns 0..w-1 into out[0..w). */
  row(y: number, w: number, out: Int32Array): void;
}

export class ColumnIntervals implements ColumnDistances {
  // open interval per column while building: first and last row, -2 when none
  private openStart = new Int32Array(0);
  private openEnd = new Int32Array(0);
  // closed intervals in build order, then sorted by column into colStart/ys/ye (CSR)
  private tmpX = new Int32Array(0);
  private tmpS = new Int32Array(0);
  private tmpE = new Int32Array(0);
  private colStart = new Int32Array(0);
  private ys = new Int32Array(0);
  private ye = new Int32Array(0);
  /** Number of intervals of the last `build`. */
  count = 0;

  private close(x: number): void {
    const n = this.count;
    if (n === this.tmpX.length) {
      const size = Math.max(256, n * 2);
      const grow = (a: Int32Array) => {
        const b = new Int32Array(size);
        b.set(a);
        return b;
      };
      this.tmpX = grow(this.tmpX);
      this.tmpS = grow(this.tmpS);
      this.tmpE = grow(this.tmpE);
    }
    this.tmpX[n] = x;
    this.tmpS[n] = this.openStart[x]!;
    this.tmpE[n] = this.openEnd[x]!;
    this.count = n + 1;
  }

  /** Indexes object `id` of `o` in the window whose top-left pixel is (x0, y0) and width w. */
  build(o: IndexedObjects, id: number, x0: number, y0: number, w: number): void {
    if (this.openStart.length < w) {
      this.openStart = new Int32Array(Math.max(w, this.openStart.length * 2));
      this.openEnd = new Int32Array(this.openStart.length);
      this.colStart = new Int32Array(this.openStart.length + 1);
    }
    const openStart = this.openStart;
    const openEnd = this.openEnd;
    openEnd.fill(-2, 0, w);
    this.count = 0;
    for (let k = o.objectRunStart[id]!; k < o.objectRunStart[id + 1]!; k++) {
      const r = o.objectRuns[k]!;
      const y = o.runY[r]! - y0;
      for (let x = o.runX0[r]! - x0, xEnd = o.runX1[r]! - x0; x <= xEnd; x++) {
        const e = openEnd[x];
        if (e === y - 1) {
          openEnd[x] = y;
        } else {
          if (e !== -2) this.close(x);
          openStart[x] = y;
          openEnd[x] = y;
        }
      }
    }
    for (let x = 0; x < w; x++) if (openEnd[x] !== -2) this.close(x);
    // counting sort by column (stable: each column's intervals stay in increasing row order)
    const n = this.count;
    if (this.ys.length < n) {
      this.ys = new Int32Array(Math.max(n, this.ys.length * 2));
      this.ye = new Int32Array(this.ys.length);
    }
    const colStart = this.colStart;
    colStart.fill(0, 0, w + 1);
    const tx = this.tmpX;
    for (let i = 0; i < n; i++) colStart[tx[i]! + 1]!++;
    for (let x = 0; x < w; x++) colStart[x + 1]! += colStart[x]!;
    const fill = openStart; // reuse as write cursors
    fill.set(colStart.subarray(0, w));
    for (let i = 0; i < n; i++) {
      const at = fill[tx[i]!]!++;
      this.ys[at] = this.tmpS[i]!;
      this.ye[at] = this.tmpE[i]!;
    }
  }

  /** Vertical distance from (x, y) to the nearest pixel of the object in column x, or NO_TARGET. */
  distance(x: number, y: number): number {
    const ys = this.ys;
    const ye = this.ye;
    let best = NO_TARGET;
    for (let i = this.colStart[x]!, end = this.colStart[x + 1]!; i < end; i++) {
      if (y < ys[i]!) {
        const d = ys[i]! - y;
        return Math.min(d, best);
      }
      if (y <= ye[i]!) return 0;
      best = y - ye[i]!;
    }
    return best;
  }

  /** Writes the vertical distances of row y for columns 0..w-1 into out[0..w). */
  row(y: number, w: number, out: Int32Array): void {
    for (let x = 0; x < w; x++) out[x] = this.distance(x, y);
  }
}

/**
 * The same answers from a full vertical pass over the window (`verticalPass`): the fallback when an
 * object has so many intervals per column (stripes, noise) that walking them would cost more.
 */
export class ColumnArray implements ColumnDistances {
  col = new Int32Array(0);
  w = 0;

  distance(x: number, y: number): number {
    return this.col[y * this.w + x]!;
  }

  row(y: number, w: number, out: Int32Array): void {
    out.set(this.col.subarray(y * this.w, y * this.w + w));
  }
}
