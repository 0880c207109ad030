import type { LabelMap } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { assertLabelMap } from '../util/validate';

/**
 * 1 on every object pixel with a pixel of another label within Chebyshev distance `thickness`; with
 * `againstBackground: false` only other *objects* count (label 0 does not). The image border is not
 * an edge. Shared by {@link contourTarget} and {@link touchingTarget}.
 */
export function innerBand(labelMap: LabelMap, thickness: number, againstBackground: boolean): Uint8Array {
  assertLabelMap(labelMap);
  if (!Number.isInteger(thickness) || thickness < 1) {
    throw new InvalidArgumentError('thickness', `must be a positive integer, got ${thickness}`);
  }
  const { width, height, data } = labelMap;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - thickness);
    const y1 = Math.min(height - 1, y + thickness);
    for (let x = 0; x < width; x++) {
      const label = data[y * width + x];
      if (label === 0) continue;
      const x0 = Math.max(0, x - thickness);
      const x1 = Math.min(width - 1, x + thickness);
      search: for (let yy = y0; yy <= y1; yy++) {
        const row = yy * width;
        for (let xx = x0; xx <= x1; xx++) {
          const other = data[row + xx];
          if (other !== label && (againstBackground || other !== 0)) {
            out[y * width + x] = 1;
            break search;
          }
        }
      }
    }
  }
  return out;
}
