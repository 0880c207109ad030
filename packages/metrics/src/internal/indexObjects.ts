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

function grow(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
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
  let runY: Int32Array<ArrayBuffer> = new Int32Array(1024);
  let runX0: Int32Array<ArrayBuffer> = new Int32Array(1024);
  let runX1: Int32Array<ArrayBuffer> = new Int32Array(1024);
  let runId: Int32Array<ArrayBuffer> = new Int32Array(1024);
  const rowStart = new Int32Array(height + 1);
  let runs = 0;
  for (let y = 0; y < height; y++) {
    rowStart[y] = runs;
    const rowOffset = y * width;
    const end = rowOffset + width;
    let p = rowOffset;
    for (;;) {
      while (p < end && data[p] === 0) p++;
      if (p === end) break;
      const v = data[p];
      const start = p;
      p++;
      while (p < end && data[p] === v) p++;
      let id = idOf.get(v);
      if (id === undefined) {
        if (v < 0) {
          throw new LabelValueError(name, start, `pixel (x=${start - rowOffset}, y=${y}) is ${v}; labels must be non-negative`);
        }
        id = seen.length;
        seen.push(v);
        idOf.set(v, id);
      }
      if (runs === runY.length) {
        runY = grow(runY, runs + 1);
        runX0 = grow(runX0, runs + 1);
        runX1 = grow(runX1, runs + 1);
        runId = grow(runId, runs + 1);
      }
      runY[runs] = y;
      runX0[runs] = start - rowOffset;
      runX1[runs] = p - 1 - rowOffset;
      runId[runs] = id;
      runs++;
    }
  }
  rowStart[height] = runs;

  const count = seen.length - 1;
  const labels = Float64Array.from(seen);
  const area = new Float64Array(count + 1);
  const minX = new Int32Array(count + 1).fill(width);
  const minY = new Int32Array(count + 1).fill(height);
  const maxX = new Int32Array(count + 1).fill(-1);
  const maxY = new Int32Array(count + 1).fill(-1);
  const objectRunStart = new Int32Array(count + 2);
  let totalArea = 0;
  for (let r = 0; r < runs; r++) {
    const id = runId[r];
    const len = runX1[r] - runX0[r] + 1;
    area[id] += len;
    totalArea += len;
    if (runX0[r] < minX[id]) minX[id] = runX0[r];
    if (runX1[r] > maxX[id]) maxX[id] = runX1[r];
    if (runY[r] < minY[id]) minY[id] = runY[r];
    maxY[id] = runY[r];
    objectRunStart[id + 1]++;
  }
  for (let id = 1; id <= count + 1; id++) objectRunStart[id] += objectRunStart[id - 1];
  const objectRuns = new Int32Array(runs);
  const fill = objectRunStart.slice(0, count + 1);
  for (let r = 0; r < runs; r++) objectRuns[fill[runId[r]]++] = r;
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
    runY: runY.subarray(0, runs),
    runX0: runX0.subarray(0, runs),
    runX1: runX1.subarray(0, runs),
    runId: runId.subarray(0, runs),
    rowStart,
    objectRuns,
    objectRunStart,
  };
}
