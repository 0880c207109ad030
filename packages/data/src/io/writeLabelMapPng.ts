import type { LabelMap } from '@qfcn/contract';
import { writeFileAtomic } from '../util/writeFileAtomic';
import { encodeLabelMapPng } from './encodeLabelMapPng';

/**
 * Writes a label map to `path` as a 16-bit greyscale PNG, atomically (temporary file + rename).
 *
 * When to use: saving predictions for `qfcn evaluate` or other tools; the folder-dataset layout
 * (`<id>_label.png`).
 *
 * Details: see `encodeLabelMapPng`; labels above 65535 or below 0 throw `InvalidArgumentError` and
 * nothing is written.
 *
 * @example
 * writeLabelMapPng('pred/testA_1.png', instances);
 */
export function writeLabelMapPng(path: string, labelMap: LabelMap): void {
  writeFileAtomic(path, encodeLabelMapPng(labelMap));
}
