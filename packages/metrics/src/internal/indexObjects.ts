import { LabelValueError } from '../errors';
import type { LabelMap } from '../types';

/**
 * The objects of one label map as horizontal runs (internal).
 *
 * Objects are numbered 1..count in raster order of their first pixel; `labels[id]` is the original
 * label, used for every "smallest label" tie rule. Arrays indexed by object have length count + 1
 * (index 0 unused). A run is a maximal horizontal stretch of one label in one row: run r covers
 * pixels runX0[r]..runX1[r] (inclusive) of row runY[r] and belongs to object runId[r]. Runs are
 * stored in raster order (`rowStart[y]..rowStart[y+1]` are the runs of row y, left to right) and
 * listed per object in `objectRuns[objectRunStart[id] .. objectRunStart[id + 1])`.
 */
export interface IndexedObjects {
  readonly width: number;
  readonly height: number;
  readonly count: number;
  readonly labels: Float64Array;
  readonly area: Float64Array;
  readonly totalArea: number;
  readonly minX: Int32Array;
  readonly minY: Int32Array;
  readonly maxX: Int32Array;
  readonly maxY: Int32Array;
  readonly runY: Int32Array;
  readonly runX0: Int32Array;
  readonly runX1: Int32Array;
  readonly runId: Int32Array;
  readonly rowStart: Int32Array;
  readonly objectRuns: Int32Array;
  readonly objectRunStart: Int32Array;
}

/** Growable columns of runs (row, first x, last x, object id). */
class RunList {
  length = 0;
  private y = new Int32Array(1024);
  private x0 = new Int32Array(1024);
  private x1 = new Int32Array(1024);
  private id = new Int32Array(1024);

  push(y: number, x0: number, x1: number, id: number): void {
    const n = this.length;
    if (n === this.y.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(n * 2);
        b.set(a);
        return b;
      };
      this.y = grow(this.y);
      this.x0 = grow(this.x0);
      this.x1 = grow(this.x1);
      this.id = grow(this.id);
    }
    this.y[n] = y;
    this.x0[n] = x0;
    this.x1[n] = x1;
    this.id[n] = id;
    this.length = n + 1;
  }

  trimmed(): { y: Int32Array; x0: Int32Array; x1: Int32Array; id: Int32Array } {
    const n = this.length;
    return {
      y: this.y.subarray(0, n),
      x0: this.x0.subarray(0, n),
      x1: this.x1.subarray(0, n),
      id: this.id.subarray(0, n),
    };
  }
}

/**
 * Finds the objects of a label map, their areas, bounding boxes and runs, in one pass over the
 * pixels. Labels are taken as given: no connectivity is involved (a label in two pieces is one
 * object). Negative labels (possible in signed storage) throw `LabelValueError` naming `name`.
 */
export function indexObjects(map: LabelMap, name = 'labelMap'): IndexedObjects {
  const { width, height, data } = map;
  const idOf = new Map<number, number>();
  const seen: number[] = [0];
  const runs = new RunList();
  const rowStart = new Int32Array(height + 1);
  // The pixel loop only finds runs; everything else happens once per run, out of line.
  const idFor = (v: number, p: number): number => {
    let id = idOf.get(v);
    if (id === undefined) {
      if (v < 0) {
        const x = p % width;
        throw new LabelValueError(name, p, `pixel (x=${x}, y=${(p - x) / width}) is ${v}; labels must be non-negative`);
      }
      id = seen.length;
      seen.push(v);
      idOf.set(v, id);
    }
    return id;
  };
  for (let y = 0; y < height; y++) {
    rowStart[y] = runs.length;
    const rowOffset = y * width;
    const end = rowOffset + width;
    let p = rowOffset;
    for (;;) {
      while (p < end && data[p] === 0) p++;
      if (p === end) break;
      const v = data[p]!;
      const start = p;
      p++;
      while (p < end && data[p] === v) p++;
      runs.push(y, start - rowOffset, p - 1 - rowOffset, idFor(v, start));
    }
  }
  rowStart[height] = runs.length;
  const { y: runY, x0: runX0, x1: runX1, id: runId } = runs.trimmed();
  const count = seen.length - 1;

  const labels = Float64Array.from(seen);
  const area = new Float64Array(count + 1);
  const minX = new Int32Array(count + 1).fill(width);
  const minY = new Int32Array(count + 1).fill(height);
  const maxX = new Int32Array(count + 1).fill(-1);
  const maxY = new Int32Array(count + 1).fill(-1);
  const objectRunStart = new Int32Array(count + 2);
  let totalArea = 0;
  for (let r = 0; r < runs.length; r++) {
    const id = runId[r]!;
    const len = runX1[r]! - runX0[r]! + 1;
    area[id]! += len;
    totalArea += len;
    if (runX0[r]! < minX[id]!) minX[id] = runX0[r]!;
    if (runX1[r]! > maxX[id]!) maxX[id] = runX1[r]!;
    if (runY[r]! < minY[id]!) minY[id] = runY[r]!;
    maxY[id] = runY[r]!;
    objectRunStart[id + 1]!++;
  }
  for (let id = 1; id <= count + 1; id++) objectRunStart[id]! += objectRunStart[id - 1]!;
  const objectRuns = new Int32Array(runs.length);
  const fill = objectRunStart.slice(0, count + 1);
  for (let r = 0; r < runs.length; r++) objectRuns[fill[runId[r]!]!++] = r;
  return {
    width,
    height,
    count,
    labels,
    area,
    totalArea,
    minX,
    minY,
    maxX,
    maxY,
    runY,
    runX0,
    runX1,
    runId,
    rowStart,
    objectRuns,
    objectRunStart,
  };
}
