import { pixelOverlap } from './internal/pixelOverlap';
import type { LabelMapInput } from './types';

/**
 * Pixel-level Dice coefficient `2|S ∩ G| / (|S| + |G|)` of two masks (non-zero = foreground).
 *
 * **When to use**: semantic (foreground/background) agreement, ignoring which object is which; for
 * the GlaS object-level score use `objectDice`.
 *
 * **Details**: label maps are binarised (any non-zero label is foreground), so splitting or merging
 * objects does not change the score. Both masks empty → 1. Throws `SizeMismatchError` when sizes differ.
 *
 * @example
 * pixelDice({ width: 4, height: 1, data: new Uint8Array([1, 1, 0, 0]) },
 *           { width: 4, height: 1, data: new Uint8Array([0, 1, 1, 0]) }); // 2·1/(2+2) = 0.5
 */
export function pixelDice(segmentation: LabelMapInput, groundTruth: LabelMapInput): number {
  const { s, g, both } = pixelOverlap(segmentation, groundTruth);
  return s + g === 0 ? 1 : (2 * both) / (s + g);
}
