import type { LabelMap } from '@qfcn/contract';

/** Object target as float32: 1 where `label > 0`. */
export function objectMap(label: LabelMap): Float32Array {
  const out = new Float32Array(label.data.length);
  for (let i = 0; i < out.length; i++) out[i] = label.data[i] !== 0 ? 1 : 0;
  return out;
}

/**
 * Contour target as float32: 1 on object pixels with a pixel of another label (background or another
 * object) within Chebyshev distance `thickness`; the image border is not an edge.
 */
export function contourMap(label: LabelMap, thickness: number): Float32Array {
  const { width, height, data } = label;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - thickness);
    const y1 = Math.min(height - 1, y + thickness);
    for (let x = 0; x < width; x++) {
      const l = data[y * width + x];
      if (l === 0) continue;
      const x0 = Math.max(0, x - thickness);
      const x1 = Math.min(width - 1, x + thickness);
      search: for (let yy = y0; yy <= y1; yy++) {
        for (let xx = x0; xx <= x1; xx++) {
          if (data[yy * width + xx] !== l) {
            out[y * width + x] = 1;
            break search;
          }
        }
      }
    }
  }
  return out;
}
