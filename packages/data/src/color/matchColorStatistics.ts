import type { Image } from '@qfcn/contract';
import { assertColorStatistics, type ColorStatistics, colorStatistics } from './colorStatistics';
import { labToRgb, rgbToLab } from './lab';

/**
 * Reinhard colour transfer: each CIELAB channel of the image is shifted and scaled so that its mean
 * and standard deviation become `target`'s, `v' = (v − mean) · target.std / std + target.mean`.
 *
 * When to use: to bring a tile stained unlike the training tiles (paler, bluer, another scanner) to
 * their colour statistics before inference; `target` is usually the mean of {@link colorStatistics}
 * over the training tiles. Reinhard et al. 2001, as used for H&E stain normalisation.
 *
 * Details: returns a new RGB image (RGBA keeps its alpha); colours outside sRGB are clipped. A
 * channel without spread (a flat image) is only shifted. A target with a negative or non-finite
 * entry, or a grey image, throws `InvalidArgumentError`.
 *
 * @example
 * const target = colorStatistics(trainingTile); // or the average over several tiles
 * const matched = matchColorStatistics(paleTile, target);
 */
export function matchColorStatistics(image: Image, target: ColorStatistics): Image {
  const source = colorStatistics(image);
  assertColorStatistics(target);
  const scale = source.std.map((s, c) => (s > 0 ? target.std[c]! / s : 1));
  const channels = image.channels;
  const data = new Uint8Array(image.data.length);
  const lab = [0, 0, 0];
  for (let p = 0; p < data.length; p += channels) {
    rgbToLab(image.data[p]!, image.data[p + 1]!, image.data[p + 2]!, lab);
    labToRgb(
      (lab[0]! - source.mean[0]) * scale[0]! + target.mean[0],
      (lab[1]! - source.mean[1]) * scale[1]! + target.mean[1],
      (lab[2]! - source.mean[2]) * scale[2]! + target.mean[2],
      data,
      p,
    );
    if (channels === 4) data[p + 3] = image.data[p + 3]!;
  }
  return { width: image.width, height: image.height, channels, data };
}
