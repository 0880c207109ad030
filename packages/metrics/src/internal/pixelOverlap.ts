import { SizeMismatchError } from '../errors';
import { toLabelMap } from '../toLabelMap';
import type { LabelMapInput } from '../types';

/** Foreground pixel counts of two same-size masks (non-zero = foreground) and of their intersection. */
export function pixelOverlap(
  segmentation: LabelMapInput,
  groundTruth: LabelMapInput,
): { s: number; g: number; both: number } {
  const s = toLabelMap(segmentation, { name: 'segmentation' });
  const g = toLabelMap(groundTruth, { name: 'groundTruth' });
  if (s.width !== g.width || s.height !== g.height) throw new SizeMismatchError('segmentation and groundTruth', s, g);
  let ns = 0;
  let ng = 0;
  let both = 0;
  const a = s.data;
  const b = g.data;
  for (let p = 0; p < a.length; p++) {
    const x = a[p] !== 0;
    const y = b[p] !== 0;
    if (x) ns++;
    if (y) ng++;
    if (x && y) both++;
  }
  return { s: ns, g: ng, both };
}
