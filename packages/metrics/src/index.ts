/**
 * @qfcn/metrics — GlaS-exact object-level segmentation metrics and nuclei instance metrics (AJI,
 * AJI+, panoptic quality) on typed arrays, plus the connected-component labelling and exact Euclidean
 * distance transform they and their users need.
 * No dependency on tfjs or on any other qfcn package.
 */
export { f1Score, type F1Result, type F1ScoreOptions } from './f1Score';
export { objectDice } from './objectDice';
export { objectHausdorff, type ObjectHausdorffOptions } from './objectHausdorff';
export { aggregatedJaccardIndex } from './aggregatedJaccardIndex';
export { aggregatedJaccardIndexPlus } from './aggregatedJaccardIndexPlus';
export {
  instanceErrors,
  type GroundTruthFates,
  type InstanceErrors,
  type InstanceErrorsOptions,
  type SegmentedFates,
} from './instanceErrors';
export { panopticQuality, type PanopticQualityOptions, type PanopticQualityResult } from './panopticQuality';
export {
  evaluate,
  type EvaluateOptions,
  type EvaluatePair,
  type Evaluation,
  type EvaluationOf,
  type FullEvaluation,
  type FullImageEvaluation,
  type ImageEvaluation,
  type ImageEvaluationOf,
  type MetricFamily,
  type NucleiEvaluation,
  type NucleiImageEvaluation,
  type NucleiScores,
  type ObjectScores,
  type PooledEvaluation,
} from './evaluate';
export { connectedComponents, type ComponentLabels, type ConnectedComponentsOptions } from './connectedComponents';
export { distanceTransform, type DistanceMap, type DistanceTransformOptions } from './distanceTransform';
export { pixelDice } from './pixelDice';
export { pixelIoU } from './pixelIoU';
export { toLabelMap, type ToLabelMapOptions } from './toLabelMap';
export type { EmptyDistance } from './types';
export type {
  Connectivity,
  FnRule,
  IntegerArray,
  LabelMap,
  LabelMapInput,
  LooseLabelMap,
  NdArrayLike,
} from './types';
export { InvalidArgumentError, LabelValueError, MetricsError, ShapeError, SizeMismatchError } from './errors';
