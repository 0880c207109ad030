/**
 * @qfcn/fcn — the suggestive-annotation FCN of [Yang17] in TensorFlow.js: model and presets, trainer
 * with hooks (INQ) and resumable checkpoints, tiled whole-image inference, post-processing to
 * instances, bootstrap ensembles, standard-format save/load without tfjs-node.
 */
export { FCN_PRESETS, PAPER_CHANNELS, PAPER_DECODER_CHANNELS } from './presets';
export type { FcnPreset, FcnPresetName } from './presets';
export { resolveFcnConfig } from './resolveFcnConfig';
export type { FcnOptions, FcnConfig } from './resolveFcnConfig';
export { createFcn, FCN_DISTANCE_OUTPUT, FCN_HV_OUTPUT, FCN_OUTPUTS } from './createFcn';
export { inspectFcn } from './inspectFcn';
export type { FcnInfo } from './inspectFcn';
export { saveModel, MODEL_FILES } from './saveModel';
export type { SavedModelInfo } from './saveModel';
export { loadModel } from './loadModel';
export { loadModelFrom, type ModelFiles } from './loadModelFrom';
export { registerFileRouter } from './registerFileRouter';
export { predictImage } from './predictImage';
export type { PredictImageOptions } from './predictImage';
export { describeImage } from './describeImage';
export type { DescribeImageOptions } from './describeImage';
export type { TileOptions } from './tileOptions';
export { toInstances } from './toInstances';
export { hvEnergy } from './hvEnergy';
export { tuneInstances } from './tuneInstances';
export { selectInstances } from './selectInstances';
export type { SelectInstancesOptions, SelectedInstances } from './selectInstances';
export type { TuneInstancesOptions, TunedInstances, TuningPair, TuningTrial } from './tuneInstances';
export { learningRateAt } from './learningRateAt';
export type { LearningRateSchedule } from './learningRateAt';
export { splitValidation } from './splitValidation';
export { recommendedTraining } from './recommendedTraining';
export type { RecommendedTrainingOptions } from './recommendedTraining';
export type { SplitValidationOptions } from './splitValidation';
export type { ToInstancesOptions, InstanceMap } from './toInstances';
export { trainFcn } from './trainFcn';
export type { TrainFcnOptions, TrainFcnResult, EpochLog, CheckpointOptions, FcnWeight } from './trainFcn';
export { FcnModel } from './FcnModel';
export type { FcnPrediction } from './FcnModel';
export { bootstrapSample } from './bootstrapSample';
export type { BootstrapSampleOptions } from './bootstrapSample';
export { trainEnsemble } from './trainEnsemble';
export type { TrainEnsembleOptions, MemberTrainOptions } from './trainEnsemble';
export { tuneEnsemble } from './tuneEnsemble';
export type { TuneEnsembleOptions } from './tuneEnsemble';
export { trainEnsembleMember } from './trainEnsembleMember';
export type { EnsembleMemberResult } from './trainEnsembleMember';
export { FcnEnsemble } from './FcnEnsemble';
export type { EnsemblePrediction, EnsembleFiles, EnsembleFromOptions } from './FcnEnsemble';
export { createEnsembleTrainer } from './createEnsembleTrainer';
export type { EnsembleTrainerOptions, FcnEnsembleTrainer } from './createEnsembleTrainer';
export { Adam } from './Adam';
export type { AdamOptions } from './Adam';
export { useFusedBatchNorm } from './useFusedBatchNorm';
