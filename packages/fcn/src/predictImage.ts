import type * as tf from '@tensorflow/tfjs';
import type { Image, SegmentationOutput } from '@qfcn/contract';
import { predictTiled, predictTiledAsync, type TileOptions, type TileProgress } from './internal/predictTiled';

/** Options of {@link predictImage}: the tile options, and an optional progress callback. */
export interface PredictImageOptions extends TileOptions {
  /**
   * Called (and awaited) after each batch of tiles with `(tilesDone, tilesTotal)`: a web page can
   * draw progress there and yield to the browser (`await tf.nextFrame()`). Without it the tiles
   * run in one synchronous stretch. Results are the same either way.
   */
  onProgress?: TileProgress;
}

/**
 * Object and contour probabilities for a whole image of any size, by overlapping tiles.
 *
 * When to use: inference with a model from {@link createFcn} / {@link loadModel} on full images
 * (GlaS 775x522, MoNuSeg 1000x1000, …); the network itself only takes sizes that are multiples of
 * `2^(stages-1)`.
 *
 * Details: options `tile` (default 256, a multiple of the model's divisor), `overlap` (default `tile/4`, 64)
 * and `batchSize` (tiles per forward pass, default 4 — this bounds memory). Tiles are spread evenly
 * so the last one ends at the image border; images smaller than a tile are mirrored up to the next
 * multiple of the divisor. Overlaps are blended with raised-cosine ramps; sides on the image border
 * keep full weight. Inference mode (batch norm uses its moving statistics). The image must have the
 * model's channel count (else {@link InvalidArgumentError}). No tensors outlive the call.
 * `onProgress(tilesDone, tilesTotal)` is awaited after each batch of tiles.
 *
 * @example
 * const { object, contour } = await predictImage(model, image, { tile: 256, overlap: 64 });
 */
export async function predictImage(
  model: tf.LayersModel,
  image: Image,
  options: PredictImageOptions = {},
): Promise<SegmentationOutput> {
  const { onProgress, ...tiles } = options;
  const { object, contour, distance, hv } = onProgress
    ? await predictTiledAsync(model, image, tiles, { maps: true }, onProgress)
    : predictTiled(model, image, tiles, { maps: true });
  return { object, contour, ...(distance ? { distance } : {}), ...(hv ? { hv } : {}) };
}
