import { pixelOverlap } from './internal/pixelOverlap';
import type { LabelMapInput } from './types';

/**
 * Pixel-level intersection over union (Jaccard index) `|S ∩ G| / |S ∪ G|` of two masks
 * (non-zero = foreground).
 *
 * **When to use**: semantic agreement as IoU; relates to `pixelDice` by IoU = D / (2 − D).
 *
 * **Details**: label maps are binarised (any non-zero label is foreground). Both masks empty → 1.
 * Throws `SizeMismatchError` when sizes differ.
 *
 * @example
 * pixelIoU({ width: 4, height: 1, data: new Uint8Array([1, 1, 0, 0]) },
 *          { width: 4, height: 1, data: new Uint8Array([0, 1, 1, 0]) }); // 1/3
 */
export function pixelIoU(segmentation: LabelMapInput, groundTruth: LabelMapInput): number {
  const { s, g, both } = pixelOverlap(segmentation, groundTruth);
  const union = s + g - both;
  return union === 0 ? 1 : both / union;
}
