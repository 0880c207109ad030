import type { Image } from '@qfcn/contract';
import { writeFileAtomic } from '../util/writeFileAtomic';
import { encodePng } from './encodePng';

/**
 * Writes an 8-bit `Image` to `path` as PNG, atomically (temporary file + rename; parents created).
 *
 * When to use: saving overlays, synthetic images, predictions rendered as pictures.
 *
 * Details: see `encodePng`. A malformed image throws `InvalidArgumentError` before anything is
 * written; a file-system failure throws `DataError` naming the path and leaves no partial file.
 *
 * @example
 * writePng('out/overlay_train_1.png', overlay(image, labels));
 */
export function writePng(path: string, image: Image): void {
  writeFileAtomic(path, encodePng(image));
}
