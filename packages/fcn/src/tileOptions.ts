import type { ColorStatistics } from '@qfcn/data';

/** Options of tiled inference (see `predictImage`). */
export interface TileOptions {
  /** Tile side in pixels, a multiple of the model's divisor. Default 256. */
  tile?: number;
  /** Minimum overlap of neighbouring tiles in pixels, `0 <= overlap < tile`. Default `tile / 4` (64). */
  overlap?: number;
  /** Tiles per forward pass: bounds memory. Default 4. */
  batchSize?: number;
  /**
   * Test-time augmentation: average the probabilities of each tile over the identity and the
   * horizontal, vertical and double flips (4 forward passes; the descriptor stays that of the
   * identity). Default false.
   */
  tta?: boolean;
  /**
   * Bring each image to these CIELAB colour statistics before inference (`matchColorStatistics` of
   * `@qfcn/data`, Reinhard colour transfer): `trainEnsemble` sets the mean statistics of the training
   * images when that raises the validation AJI. Default none.
   */
  colorTarget?: ColorStatistics;
}
