import type { Image } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { type ColorStatistics, colorStatistics } from './colorStatistics';

/**
 * The mean over `images` of their {@link colorStatistics} (each channel's Lab mean and standard
 * deviation averaged image by image, so every image counts once whatever its size).
 *
 * When to use: the target of {@link matchColorStatistics} for a set of training tiles.
 *
 * Details: no images throw {@link InvalidArgumentError}; each image is checked as `colorStatistics` does.
 *
 * @example
 * const target = meanColorStatistics(trainingSamples.map((s) => s.image));
 */
export function meanColorStatistics(images: readonly Image[]): ColorStatistics {
  if (images.length === 0) throw new InvalidArgumentError('images', 'at least one image is needed');
  const all = images.map((image) => colorStatistics(image));
  const mean = (key: 'mean' | 'std') =>
    [0, 1, 2].map((c) => all.reduce((sum, x) => sum + x[key][c]!, 0) / all.length) as [number, number, number];
  return { mean: mean('mean'), std: mean('std') };
}
