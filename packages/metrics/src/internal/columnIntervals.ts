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
  private head = new Int32Array(0);
  private tail = new Int32Array(0);
  private ys = new Int32Array(0);
  private ye = new Int32Array(0);
  private next = new Int32Array(0);
  /** Number of intervals of the last `build`. */
  count = 0;

  /** Indexes object `id` of `o` in the window whose top-left pixel is (x0, y0) and width w. */
  build(o: IndexedObjects, id: number, x0: number, y0: number, w: number): void {
    if (this.head.length < w) {
      this.head = new Int32Array(Math.max(w, this.head.length * 2));
      this.tail = new Int32Array(this.head.length);
    }
    const head = this.head;
    const tail = this.tail;
    head.fill(-1, 0, w);
    let n = 0;
    let ys = this.ys;
    let ye = this.ye;
    let next = this.next;
    for (let k = o.objectRunStart[id]; k < o.objectRunStart[id + 1]; k++) {
      const r = o.objectRuns[k];
      const y = o.runY[r] - y0;
      for (let x = o.runX0[r] - x0, xEnd = o.runX1[r] - x0; x <= xEnd; x++) {
        if (head[x] >= 0 && ye[tail[x]] === y - 1) {
          ye[tail[x]] = y;
          continue;
        }
        if (n === ys.length) {
          const size = Math.max(256, n * 2);
          const grow = (a: Int32Array) => {
            const b = new Int32Array(size);
            b.set(a);
            return b;
          };
          this.ys = ys = grow(ys);
          this.ye = ye = grow(ye);
          this.next = next = grow(next);
        }
        ys[n] = y;
        ye[n] = y;
        next[n] = -1;
        if (head[x] < 0) head[x] = n;
        else next[tail[x]] = n;
        tail[x] = n;
        n++;
      }
    }
    this.count = n;
  }

  /** Vertical distance from (x, y) to the nearest pixel of the object in column x, or NO_TARGET. */
  distance(x: number, y: number): number {
    const ys = this.ys;
    const ye = this.ye;
    const next = this.next;
    let best = NO_TARGET;
    for (let i = this.head[x]; i >= 0; i = next[i]) {
      if (y < ys[i]) {
        const d = ys[i] - y;
        return d < best ? d : best;
      }
      if (y <= ye[i]) return 0;
      best = y - ye[i];
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
    return this.col[y * this.w + x];
  }

  row(y: number, w: number, out: Int32Array): void {
    out.set(this.col.subarray(y * this.w, y * this.w + w));
  }
}
