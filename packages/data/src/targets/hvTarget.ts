import type { LabelMap } from '@qfcn/contract';
import { assertLabelMap } from '../util/validate';

/**
 * The horizontal and vertical distance maps of HoVer-Net (Graham et al. 2019) as a two-channel
 * training target: for every object pixel, its signed horizontal and vertical offset from its
 * object's centroid, scaled so that each object spans −1..1 on each axis; 0 on background.
 *
 * When to use: an FCN with an HV head (`createFcn({ hvHead: true })` of `@qfcn/fcn`) regresses
 * these maps; where two touching objects meet, the maps jump from +1 to −1 (or back), so their
 * gradient marks the line between them even where no contour is visible.
 *
 * Details: pixel centres at integer coordinates; the centroid is the exact mean of the object's
 * pixel coordinates (HoVer-Net rounds it to a pixel; the exact mean keeps the map antisymmetric).
 * Offsets left of (above) the centroid are divided by the largest such distance within the object
 * and those right of (below) it by theirs, so the extremes are exactly −1 and 1; an object one
 * pixel wide (high) is 0 horizontally (vertically). Objects cut by the image border are measured on
 * their visible pixels. Returns a new `Float32Array` of `2 × width × height`, pixel-interleaved
 * `[h, v]` (row-major, the layout of an `[H, W, 2]` tensor).
 *
 * @example
 * // 4x1: object 1 1 1 0 (centroid x = 1): h = −1, 0, 1, 0; v = 0 (one pixel high)
 * hvTarget({ width: 4, height: 1, data: new Uint8Array([1, 1, 1, 0]) });
 * // Float32Array [-1, 0, 0, 0, 1, 0, 0, 0]
 */
export function hvTarget(labelMap: LabelMap): Float32Array {
  assertLabelMap(labelMap);
  const { width, height, data } = labelMap;
  // per label: pixel count and coordinate sums, then the extreme offsets on each side
  const stats = new Map<
    number,
    { n: number; sx: number; sy: number; cx: number; cy: number; l: number; r: number; t: number; b: number }
  >();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const label = data[y * width + x]!;
      if (label === 0) continue;
      const s = stats.get(label);
      if (s) {
        s.n++;
        s.sx += x;
        s.sy += y;
      } else stats.set(label, { n: 1, sx: x, sy: y, cx: 0, cy: 0, l: 0, r: 0, t: 0, b: 0 });
    }
  }
  for (const s of stats.values()) {
    s.cx = s.sx / s.n;
    s.cy = s.sy / s.n;
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const label = data[y * width + x]!;
      if (label === 0) continue;
      const s = stats.get(label)!;
      const dx = x - s.cx;
      const dy = y - s.cy;
      if (dx < -s.l) s.l = -dx;
      if (dx > s.r) s.r = dx;
      if (dy < -s.t) s.t = -dy;
      if (dy > s.b) s.b = dy;
    }
  }
  const out = new Float32Array(2 * width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const label = data[i]!;
      if (label === 0) continue;
      const s = stats.get(label)!;
      const dx = x - s.cx;
      const dy = y - s.cy;
      out[2 * i] = dx < 0 ? dx / s.l : dx > 0 ? dx / s.r : 0;
      out[2 * i + 1] = dy < 0 ? dy / s.t : dy > 0 ? dy / s.b : 0;
    }
  }
  return out;
}
