import type * as tf from '@tensorflow/tfjs';
import type { DescriptorModel, Disposable, Image, SegmentationOutput } from '@qfcn/contract';
import { createFcn } from '../createFcn';
import { inspectFcn, type FcnInfo } from '../inspectFcn';
import {
  countTiles,
  predictTiled,
  predictTiledAsync,
  type TileOptions,
  type TileProgress,
} from '../internal/predictTiled';
import { loadModelFrom, type ModelFiles } from '../loadModelFrom';
import type { FcnOptions } from '../resolveFcnConfig';

/** Probabilities and descriptor of one image from one pass. */
export interface FcnPrediction extends SegmentationOutput {
  readonly descriptor: Float32Array;
}

/**
 * The inference side of an FCN as the contract's `DescriptorModel` (browser-safe): whole-image
 * `predict` and `describe` by tiled inference. This is `FcnModel` in browser bundles; in Node,
 * `FcnModel` extends it with `train`, `save` and `load(dir)`.
 *
 * @example
 * const fcn = await FcnModel.from({ model: 'member-0/model.json', packed: 'member-0.qfcnq' });
 * const { object, contour } = await fcn.predict(image);
 */
export class FcnModel implements DescriptorModel, Disposable {
  readonly info: FcnInfo;

  constructor(
    readonly model: tf.LayersModel,
    readonly tileOptions: TileOptions = {},
  ) {
    this.info = inspectFcn(model);
  }

  /** A fresh network from {@link createFcn} options. */
  static create(options: FcnOptions = {}, tileOptions: TileOptions = {}): FcnModel {
    return new FcnModel(createFcn(options), tileOptions);
  }

  /** A network from URLs, `File`s or bytes (see {@link loadModelFrom}). */
  static async from(source: string | URL | ModelFiles, tileOptions: TileOptions = {}): Promise<FcnModel> {
    return new FcnModel(await loadModelFrom(source), tileOptions);
  }

  async predict(image: Image): Promise<SegmentationOutput> {
    const { object, contour, distance, hv } = predictTiled(this.model, image, this.tileOptions, { maps: true });
    return { object, contour, ...(distance ? { distance } : {}), ...(hv ? { hv } : {}) };
  }

  async describe(image: Image): Promise<Float32Array> {
    return predictTiled(this.model, image, this.tileOptions, { maps: false }).descriptor;
  }

  /**
   * Object/contour probabilities and the descriptor from the same tiled pass; `onProgress(tilesDone,
   * tilesTotal)` is awaited after each batch of tiles (see `predictImage`).
   */
  async predictWithDescriptor(image: Image, onProgress?: TileProgress): Promise<FcnPrediction> {
    return onProgress
      ? predictTiledAsync(this.model, image, this.tileOptions, { maps: true }, onProgress)
      : predictTiled(this.model, image, this.tileOptions, { maps: true });
  }

  /** How many tiles one pass over an image of this size runs (with this model's tile options). */
  countTiles(width: number, height: number): number {
    return countTiles(this.model, width, height, this.tileOptions);
  }

  dispose(): void {
    this.model.dispose();
  }
}
