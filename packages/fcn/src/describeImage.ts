import type * as tf from '@tensorflow/tfjs';
import type { Image } from '@qfcn/contract';
import { predictTiled, type TileOptions } from './internal/predictTiled';

export type DescribeImageOptions = TileOptions;

/**
 * The image descriptor of [Yang17]: the spatial mean of the last encoder stage's feature maps.
 *
 * When to use: representativeness in suggestive annotation (cosine similarity of descriptors).
 *
 * Details: the length is the last stage's channel count (1024 for `paper`, 256 for `small`, 64 for
 * `tiny`). Images up to one tile are described in one pass (mirrored up to the model's divisor);
 * larger images are tiled as in {@link predictImage} and the tile descriptors averaged, each weighted
 * by the fraction of the tile inside the image. Options as {@link predictImage}.
 *
 * @example
 * const d = await describeImage(model, image); // Float32Array(256) for `small`
 */
export async function describeImage(
  model: tf.LayersModel,
  image: Image,
  options: DescribeImageOptions = {},
): Promise<Float32Array> {
  return predictTiled(model, image, options, { maps: false }).descriptor;
}
