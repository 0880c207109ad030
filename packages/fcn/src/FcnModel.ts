import type * as tf from '@tensorflow/tfjs';
import type { Sample } from '@qfcn/contract';
import { createFcn } from './createFcn';
import { FcnModel as InferenceFcnModel } from './inference/FcnModel';
import type { TileOptions } from './internal/predictTiled';
import { loadModel } from './loadModel';
import { loadModelFrom, type ModelFiles } from './loadModelFrom';
import type { FcnOptions } from './resolveFcnConfig';
import { saveModel, type SavedModelInfo } from './saveModel';
import { trainFcn, type TrainFcnOptions, type TrainFcnResult } from './trainFcn';

export type { FcnPrediction } from './inference/FcnModel';

/**
 * An FCN as the contract's `DescriptorModel`: whole-image `predict` and `describe` by tiled
 * inference, plus training, saving and disposal (Node). Browser bundles get its inference side
 * (`inference/FcnModel`, which this class extends).
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
export class FcnModel extends InferenceFcnModel {
  constructor(model: tf.LayersModel, tileOptions: TileOptions = {}) {
    super(model, tileOptions);
  }

  /** A fresh network from {@link createFcn} options. */
  static override create(options: FcnOptions = {}, tileOptions: TileOptions = {}): FcnModel {
    return new FcnModel(createFcn(options), tileOptions);
  }

  /** A network from URLs, `File`s or bytes (see {@link loadModelFrom}). */
  static override async from(source: string | URL | ModelFiles, tileOptions: TileOptions = {}): Promise<FcnModel> {
    return new FcnModel(await loadModelFrom(source), tileOptions);
  }

  /** A network saved by {@link FcnModel.save} / {@link saveModel}. */
  static async load(dir: string, tileOptions: TileOptions = {}): Promise<FcnModel> {
    return new FcnModel(await loadModel(dir), tileOptions);
  }

  train(samples: readonly Sample[], options: TrainFcnOptions = {}): Promise<TrainFcnResult> {
    return trainFcn(this.model, samples, options);
  }

  save(dir: string): Promise<SavedModelInfo> {
    return saveModel(this.model, dir);
  }
}
