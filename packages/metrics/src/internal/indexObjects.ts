import type { LabelMap } from '../types';

/**
 * The objects of one label map in compact form (internal).
 *
 * Objects are numbered 1..count in ascending order of their original label, so "smallest label" tie
 * rules become "smallest index". Arrays indexed by object have length count + 1 (index 0 unused).
 */
export interface IndexedObjects {
  readonly width: number;
  readonly height: number;
  /** Per pixel: 0 for background, else the object's index 1..count. */
  readonly index: Int32Array;
  readonly count: number;
  /** Original label of each object, ascending (`labels[0]` = 0). */
  readonly labels: Float64Array;
  /** Pixel count of each object. */
  readonly area: Float64Array;
  /** Total foreground area (sum of `area`). */
  readonly totalArea: number;
  /** Inclusive bounding box of each object. */
  readonly minX: Int32Array;
  readonly minY: Int32Array;
  readonly maxX: Int32Array;
  readonly maxY: Int32Array;
}

/**
 * Numbers the objects of a label map 1..count by ascending label and measures their area and
 * bounding box, in two passes over the pixels. Labels are taken as given: no connectivity is involved.
 */
export function indexObjects(map: LabelMap): IndexedObjects {
  const { width, height, data } = map;
  const n = width * height;
  const provisional = new Int32Array(n);
  const idOf = new Map<number, number>();
  const seen: number[] = [];
  let lastLabel = 0;
  let lastId = 0;
  for (let p = 0; p < n; p++) {
    const v = data[p];
    if (v === 0) continue;
    if (v !== lastLabel) {
      let id = idOf.get(v);
      if (id === undefined) {
        seen.push(v);
        id = seen.length;
        idOf.set(v, id);
      }
      lastLabel = v;
      lastId = id;
    }
    provisional[p] = lastId;
  }
  const count = seen.length;
  const order = seen.map((label, i) => ({ label, id: i + 1 })).sort((a, b) => a.label - b.label);
  const remap = new Int32Array(count + 1);
  const labels = new Float64Array(count + 1);
  order.forEach((o, k) => {
    remap[o.id] = k + 1;
    labels[k + 1] = o.label;
  });
  const area = new Float64Array(count + 1);
  const minX = new Int32Array(count + 1).fill(width);
  const minY = new Int32Array(count + 1).fill(height);
  const maxX = new Int32Array(count + 1).fill(-1);
  const maxY = new Int32Array(count + 1).fill(-1);
  let totalArea = 0;
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const id = provisional[p];
      if (id === 0) continue;
      const k = remap[id];
      provisional[p] = k;
      area[k]++;
      totalArea++;
      if (x < minX[k]) minX[k] = x;
      if (x > maxX[k]) maxX[k] = x;
      if (y < minY[k]) minY[k] = y;
      maxY[k] = y;
    }
  }
  return { width, height, index: provisional, count, labels, area, totalArea, minX, minY, maxX, maxY };
}
