import type { LabelMap } from '@qfcn/contract';
import { innerBand } from './innerBand';

export interface ContourTargetOptions {
  /** Width of the boundary band inside each object, in pixels (default 2). */
  readonly thickness?: number;
}

/**
 * The gland-contour training target: 1 on a band of `thickness` pixels along the inside edge of every
 * object, 0 elsewhere.
 *
 * When to use: the contour head of the FCN ([Yang17], after DCAN) learns this map; it is what lets
 * post-processing split touching glands.
 *
 * Details: an object pixel is contour when some pixel of a different label — background or another
 * object — lies within Chebyshev distance `thickness` of it. Where two objects touch, both sides are
 * marked, so the line between them is `2 × thickness` wide. The image border is not an edge: an object
 * cut by the border has no contour along it. Background pixels are never contour.
 *
 * @example
 * // 1 1 2      thickness 1 → 1 1 1   (every pixel of these thin objects touches the other object
 * // 1 1 2                    1 1 1    or lies next to background)
 * contourTarget({ width: 3, height: 2, data: new Uint8Array([1, 1, 2, 1, 1, 2]) }, { thickness: 1 });
 */
export function contourTarget(labelMap: LabelMap, options: ContourTargetOptions = {}): Uint8Array {
  return innerBand(labelMap, options.thickness ?? 2, true);
}
