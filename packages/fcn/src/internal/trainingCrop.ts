import type { Image, LabelMap, Sample } from '@qfcn/contract';
import { mulberry32 } from './rng';

/** Augmentation applied to each training crop. */
export interface CropAugmentation {
  /** Random horizontal and vertical flips. Default true. */
  flips?: boolean;
  /** Random rotations by multiples of 90°. Default true. */
  rotate90?: boolean;
  /** Colour jitter amplitude: per-channel gain in `1 ± j` and offset in `±j·255/4`. Default 0.05. */
  colorJitter?: number;
}

/**
 * One random `crop x crop` training window of a sample, flipped, rotated and colour-jittered, all
 * decided by `seed` alone. The label undergoes the same geometric transform (no jitter).
 */
export function trainingCrop(sample: Sample, crop: number, seed: number, options: CropAugmentation = {}): { image: Image; label: LabelMap } {
  const rand = mulberry32(seed);
  const { image } = sample;
  const label = sample.label as LabelMap;
  const c = image.channels;
  const y0 = Math.floor(rand() * (image.height - crop + 1));
  const x0 = Math.floor(rand() * (image.width - crop + 1));
  const flipX = (options.flips ?? true) && rand() < 0.5;
  const flipY = (options.flips ?? true) && rand() < 0.5;
  const turns = (options.rotate90 ?? true) ? Math.floor(rand() * 4) : 0;
  const j = options.colorJitter ?? 0.05;
  const gain: number[] = [];
  const offset: number[] = [];
  for (let k = 0; k < c; k++) {
    gain.push(1 + j * (2 * rand() - 1));
    offset.push(((j * 255) / 4) * (2 * rand() - 1));
  }
  const outImage = new Uint8Array(crop * crop * c);
  const outLabel = new Int32Array(crop * crop);
  for (let y = 0; y < crop; y++) {
    for (let x = 0; x < crop; x++) {
      // destination (x, y) reads source (u, v) of the crop after rotating `turns` quarter turns
      let u = x;
      let v = y;
      for (let t = 0; t < turns; t++) [u, v] = [v, crop - 1 - u];
      if (flipX) u = crop - 1 - u;
      if (flipY) v = crop - 1 - v;
      const src = (y0 + v) * image.width + (x0 + u);
      const dst = y * crop + x;
      outLabel[dst] = label.data[src];
      for (let k = 0; k < c; k++) {
        const value = image.data[src * c + k] * gain[k] + offset[k];
        outImage[dst * c + k] = value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
      }
    }
  }
  return {
    image: { width: crop, height: crop, channels: image.channels, data: outImage },
    label: { width: crop, height: crop, data: outLabel },
  };
}
