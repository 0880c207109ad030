import type { Image } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { assertImage } from '../util/validate';
import { rgbToLab } from './lab';

/** Per-channel mean and standard deviation of an image in CIELAB (`[L, a, b]` each). */
export interface ColorStatistics {
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
}

/**
 * The mean and (population) standard deviation of each CIELAB channel over an RGB image's pixels:
 * what Reinhard et al. (2001) colour transfer matches, and what {@link matchColorStatistics} takes as
 * its target.
 *
 * When to use: to describe the staining of a set of H&E tiles (average the statistics of your
 * training tiles) so that other tiles can be brought to it before inference.
 *
 * Details: sRGB with the D65 white point; 8-bit values are linearised by the sRGB curve before the
 * XYZ and L*a*b* transforms. RGBA images use their RGB (alpha ignored); grey and other channel counts
 * throw {@link InvalidArgumentError}.
 *
 * @example
 * colorStatistics({ width: 1, height: 2, channels: 3, data: new Uint8Array([255, 255, 255, 0, 0, 0]) });
 * // → { mean: [50, 0, 0], std: [50, 0, 0] } (white is L 100, black L 0)
 */
export function colorStatistics(image: Image): ColorStatistics {
  assertImage(image);
  if (image.channels !== 3 && image.channels !== 4) {
    throw new InvalidArgumentError('image', `colour statistics need RGB or RGBA, got ${image.channels} channel(s)`);
  }
  const n = image.width * image.height;
  const lab = [0, 0, 0];
  const sum = [0, 0, 0];
  const squares = [0, 0, 0];
  for (let i = 0, p = 0; i < n; i++, p += image.channels) {
    rgbToLab(image.data[p]!, image.data[p + 1]!, image.data[p + 2]!, lab);
    for (let c = 0; c < 3; c++) {
      sum[c]! += lab[c]!;
      squares[c]! += lab[c]! * lab[c]!;
    }
  }
  const mean = sum.map((s) => s / n);
  const std = squares.map((q, c) => Math.sqrt(Math.max(0, q / n - mean[c]! ** 2)));
  return { mean: [mean[0]!, mean[1]!, mean[2]!], std: [std[0]!, std[1]!, std[2]!] };
}

/**
 * Throws {@link InvalidArgumentError} naming `argument` unless `value` is a {@link ColorStatistics}:
 * `mean` and `std` each 3 finite numbers, `std` ≥ 0.
 */
export function assertColorStatistics(value: ColorStatistics, argument = 'target'): void {
  for (const key of ['mean', 'std'] as const) {
    const v = (value as Partial<ColorStatistics> | undefined)?.[key];
    if (
      !Array.isArray(v) ||
      v.length !== 3 ||
      !v.every((x) => typeof x === 'number' && Number.isFinite(x)) ||
      (key === 'std' && v.some((x) => x < 0))
    ) {
      throw new InvalidArgumentError(
        `${argument}.${key}`,
        `must be 3 finite numbers${key === 'std' ? ' ≥ 0' : ''}, got ${JSON.stringify(v)}`,
      );
    }
  }
}
