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
}
