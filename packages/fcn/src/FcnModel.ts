import type * as tf from '@tensorflow/tfjs';
import type { DescriptorModel, Disposable, Image, SegmentationOutput } from '@qfcn/contract';
import { createFcn } from './createFcn';
import { inspectFcn, type FcnInfo } from './inspectFcn';
import { predictTiled, type TileOptions } from './internal/predictTiled';
import { loadModel } from './loadModel';
import type { FcnOptions } from './resolveFcnConfig';
import { saveModel, type SavedModelInfo } from './saveModel';
import { trainFcn, type TrainFcnOptions, type TrainFcnResult } from './trainFcn';
import type { Sample } from '@qfcn/contract';

/** Probabilities and descriptor of one image from one pass. */
export interface FcnPrediction extends SegmentationOutput {
  readonly descriptor: Float32Array;
}

/**
 * An FCN as the contract's `DescriptorModel`: whole-image `predict` and `describe` by tiled
 * inference, plus training, saving and disposal.
 *
 * When to use: to hand a trained network to code that speaks the contract (suggestive annotation,
 * the CLI, user pipelines) — `new FcnModel(tfModel)` wraps any model from {@link createFcn} or
 * {@link loadModel}.
 *
 * Details: tile options given to the constructor apply to every `predict`/`describe` call (defaults
 * of {@link predictImage}). `predictWithDescriptor` gets both in one pass. `dispose()` releases the
 * weights; the wrapper is unusable afterwards.
 *
 * @example
 * const fcn = FcnModel.create({ preset: 'tiny', seed: 1 });
 * await fcn.train(samples, { epochs: 20, crop: 96 });
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

  /** A network saved by {@link FcnModel.save} / {@link saveModel}. */
  static async load(dir: string, tileOptions: TileOptions = {}): Promise<FcnModel> {
    return new FcnModel(await loadModel(dir), tileOptions);
  }

  async predict(image: Image): Promise<SegmentationOutput> {
    const { object, contour } = predictTiled(this.model, image, this.tileOptions, { maps: true });
    return { object, contour };
  }

  async describe(image: Image): Promise<Float32Array> {
    return predictTiled(this.model, image, this.tileOptions, { maps: false }).descriptor;
  }

  /** Object/contour probabilities and the descriptor from the same tiled pass. */
  async predictWithDescriptor(image: Image): Promise<FcnPrediction> {
    return predictTiled(this.model, image, this.tileOptions, { maps: true });
  }

  train(samples: readonly Sample[], options: TrainFcnOptions = {}): Promise<TrainFcnResult> {
    return trainFcn(this.model, samples, options);
  }

  save(dir: string): Promise<SavedModelInfo> {
    return saveModel(this.model, dir);
  }

  dispose(): void {
    this.model.dispose();
  }
}
