import type { LabelMap } from '@qfcn/contract';
import type { ContourTargetOptions } from './contourTarget';
import { innerBand } from './innerBand';

/**
 * The part of the contour target where objects touch: 1 on an object pixel with a pixel of another
 * *object* within Chebyshev distance `thickness` (default 2), 0 elsewhere — a subset of
 * {@link contourTarget} with the same `thickness`.
 *
 * When to use: to weight the lines between touching nuclei more heavily in the contour loss
 * (`touchingWeight` of `trainFcn`), the pixels whose misses merge neighbours; after the weight map
 * of U-Net (Ronneberger et al. 2015), which emphasises the narrow gaps between touching cells.
 *
 * Details: background pixels are never marked, and background within `thickness` does not mark a
 * pixel; the image border is not an edge. Where two objects touch, both sides are marked, so the
 * line between them is `2 × thickness` wide.
 *
 * @example
 * // 0 1 1 2      thickness 1 → 0 0 1 1   (the 1|2 edge only; the 0|1 edge is background)
 * touchingTarget({ width: 4, height: 1, data: new Uint8Array([0, 1, 1, 2]) }, { thickness: 1 });
 */
export function touchingTarget(labelMap: LabelMap, options: ContourTargetOptions = {}): Uint8Array {
  return innerBand(labelMap, options.thickness ?? 2, false);
}
