import type { LabelMap } from '@qfcn/contract';
import { distanceTransform } from '@qfcn/metrics';
import { assertLabelMap } from '../util/validate';

/**
 * The distance training target of the optional third head: for every object pixel, its Euclidean
 * distance to the nearest pixel of another label (background or another object), divided by the
 * largest such distance within its object; 0 on background.
 *
 * When to use: an FCN with a distance head (`createFcn({ distanceHead: true })` of `@qfcn/fcn`)
 * learns this map; its peaks mark object centres, so thresholding it gives one seed per object
 * even where touching objects share no visible contour (the idea of Naylor et al. 2019 and of
 * HoVer-Net's distance maps).
 *
 * Details: pixel centres at integer coordinates, exact distances (`distanceTransform` of
 * `@qfcn/metrics` per object, on its bounding box grown by one pixel, which always holds the nearest
 * pixel of another label). As in `contourTarget`, the image border is not an edge: an object cut by
 * the border grows towards it, and an object that covers the whole image is 1 everywhere. Every
 * object's maximum is exactly 1; the pixels next to another label are `1 / max`. Returns a new
 * `Float32Array` of `width × height`, row-major.
 *
 * @example
 * // 1 1 1 1 1 0: the border is not an edge, so the left end is the farthest (5 px) from background
 * distanceTarget({ width: 6, height: 1, data: new Uint8Array([1, 1, 1, 1, 1, 0]) });
 * // Float32Array [1, 0.8, 0.6, 0.4, 0.2, 0]
 */
export function distanceTarget(labelMap: LabelMap): Float32Array {
  assertLabelMap(labelMap);
  const { width, height, data } = labelMap;
  const out = new Float32Array(width * height);
  // bounding box of every label, grown by one pixel and clipped to the image
  const boxes = new Map<number, { x0: number; y0: number; x1: number; y1: number }>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const label = data[y * width + x]!;
      if (label === 0) continue;
      const box = boxes.get(label);
      if (!box) boxes.set(label, { x0: x, y0: y, x1: x, y1: y });
      else {
        if (x < box.x0) box.x0 = x;
        if (x > box.x1) box.x1 = x;
        box.y1 = y;
      }
    }
  }
  for (const [label, box] of boxes) {
    const x0 = Math.max(0, box.x0 - 1);
    const y0 = Math.max(0, box.y0 - 1);
    const x1 = Math.min(width - 1, box.x1 + 1);
    const y1 = Math.min(height - 1, box.y1 + 1);
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const mask = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      const row = (y0 + y) * width + x0;
      for (let x = 0; x < w; x++) mask[y * w + x] = data[row + x] === label ? 1 : 0;
    }
    const d = distanceTransform({ width: w, height: h, data: mask }, { to: 'background' }).data;
    let max = 0;
    for (let i = 0; i < d.length; i++) if (mask[i] && d[i]! > max) max = d[i]!;
    for (let y = 0; y < h; y++) {
      const row = (y0 + y) * width + x0;
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        // max is Infinity only when the object covers the whole image (no other label anywhere)
        if (mask[i]) out[row + x] = max === Number.POSITIVE_INFINITY ? 1 : d[i]! / max;
      }
    }
  }
  return out;
}
