/**
 * @qfcn/fcn in a web page — the browser-safe root entry (what bundlers get for `@qfcn/fcn` outside
 * Node): the FCN and its presets, model loading from URLs / `File`s / bytes (standard tfjs files or
 * `model.json` + bit-packed INQ weights), tiled whole-image inference, post-processing to instances
 * and ensemble averaging. No Node built-ins and no side effects (backends: `initBackend` of
 * `@qfcn/backend`). Training, checkpoints and saving to folders are Node-only: the `node` export
 * condition (`./index`) or `@qfcn/fcn/node`.
 */
export { FCN_PRESETS, PAPER_CHANNELS, PAPER_DECODER_CHANNELS } from './presets';
export type { FcnPreset, FcnPresetName } from './presets';
export { resolveFcnConfig } from './resolveFcnConfig';
export type { FcnOptions, FcnConfig } from './resolveFcnConfig';
export { createFcn, FCN_DISTANCE_OUTPUT, FCN_HV_OUTPUT, FCN_OUTPUTS } from './createFcn';
export { inspectFcn } from './inspectFcn';
export type { FcnInfo } from './inspectFcn';
export { loadModelFrom, type ModelFiles } from './loadModelFrom';
export { predictImage } from './predictImage';
export type { PredictImageOptions } from './predictImage';
export { describeImage } from './describeImage';
export type { DescribeImageOptions } from './describeImage';
export type { TileOptions } from './tileOptions';
export { toInstances } from './toInstances';
export { hvEnergy } from './hvEnergy';
export type { ToInstancesOptions, InstanceMap } from './toInstances';
export { learningRateAt } from './learningRateAt';
export type { LearningRateSchedule } from './learningRateAt';
export { FcnModel } from './inference/FcnModel';
export type { FcnPrediction } from './inference/FcnModel';
export { FcnEnsemble } from './inference/FcnEnsemble';
export type { EnsemblePrediction, EnsembleFiles, EnsembleFromOptions } from './inference/FcnEnsemble';
