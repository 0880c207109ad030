// The public types of trainFcn (its options, per-epoch log and result), in their own module so that
// the training loop's internal parts can name them without an import cycle.
import type * as tf from '@tensorflow/tfjs';
import type { ProgressListener, Sample, TrainingHook } from '@qfcn/contract';
import type { AugmentOptions } from '@qfcn/data';
import type { LearningRateSchedule } from './learningRateAt';
import type { ToInstancesOptions } from './toInstances';

/** A trainable weight as hooks see it: the tfjs `Variable` behind a model weight. */
export type FcnWeight = tf.Variable;

/** Where and how often {@link trainFcn} writes checkpoints. */
export interface CheckpointOptions {
  /** Checkpoint file (one file, replaced atomically each time). */
  path: string;
  /** Also write after every `everySteps` optimizer steps (default: only at epoch ends). */
  everySteps?: number;
  /** Write at the end of every `everyEpochs` epochs (default 1). */
  everyEpochs?: number;
}

/** Options of {@link trainFcn}; every field has a default. */
export interface TrainFcnOptions {
  /** Passes over the training set. Default 10. Ignored when `steps` is given. */
  epochs?: number;
  /**
   * Optimizer steps in total; overrides `epochs` (the last epoch is cut short where the steps run
   * out). Default: `epochs` whole epochs.
   */
  steps?: number;
  /** Learning-rate policy over the run's steps ({@link learningRateAt}). Default constant. */
  schedule?: LearningRateSchedule;
  /**
   * Decoupled weight decay (AdamW) of the convolution kernels, per unit learning rate. Default 0.
   * Batch-norm parameters and biases are never decayed; INQ hooks re-impose frozen weights after it.
   */
  weightDecay?: number;
  /** Weight of a soft Dice loss `1 − (2Σpy + 1)/(Σp + Σy + 1)` of the object head, added to its BCE. Default 0. */
  objectDiceWeight?: number;
  /**
   * With `validation`: `'aji'` keeps the weights of the validation with the best mean aggregated
   * Jaccard index (ties: the earlier) and restores them at the end; `'last'` keeps the last weights.
   * Default `'last'`.
   */
  selectBy?: 'aji' | 'last';
  /**
   * With `selectBy: 'aji'`: at the start of this epoch the best-validation weights so far are
   * written back into the model and training goes on from them (Adam's moments and step count
   * carry on); later validations are logged but not candidates, and the run keeps its last
   * weights. The epoch before it is always validated. For INQ: quantize from the best float
   * checkpoint (an INQ hook starting at this epoch), the weights a float-only run of the same
   * settings keeps. An integer in 1..epochs − 1; not with `averageWeights`. Default: none (the
   * best weights are restored at the end).
   */
  restoreBestAt?: number;
  /**
   * Keep an exponential moving average of every weight (batch-norm statistics included):
   * `a ← decay·a + (1 − decay)·w` after each optimizer step from `startStep` on. Validation scores,
   * the `selectBy: 'aji'` checkpoint and the final weights are then the average's. `decay` in (0, 1)
   * (default 0.995, a window of about 200 steps); `startStep` default 0. Not with `hooks` that
   * constrain weights (INQ): an average of quantized weights leaves the quantization levels.
   * Default: no averaging.
   */
  averageWeights?: { readonly decay?: number; readonly startStep?: number };
  /** Crops per optimizer step. Default 4 (docs/algorithms.md §3). */
  batchSize?: number;
  /** Adam learning rate. Default 5e-4 (docs/algorithms.md §3). */
  learningRate?: number;
  /** Side of the square random training crops, a multiple of the model's divisor. Default 128. */
  crop?: number;
  /** Random crops per image per epoch. Default 1. */
  cropsPerImage?: number;
  /** Seed of data order, crops and augmentation. Default 0. */
  seed?: number;
  /**
   * Augmentation of each crop by `augment` of `@qfcn/data` (flips, 90° rotations and mild colour
   * jitter on by default; elastic off). The crop itself is set by `crop`.
   */
  augment?: Omit<AugmentOptions, 'crop'>;
  /** Width in pixels of the contour band inside each object (the contour target). Default 2. */
  contourThickness?: number;
  /** Weight of the contour loss relative to the object loss. Default 1. */
  contourWeight?: number;
  /**
   * Weight of contour pixels (positives) inside the contour BCE; background pixels weigh 1. Default 3.
   * Contours are a few pixels wide, so with plain BCE (1) the contour head tends to stay below 0.5 on
   * thin boundaries and touching objects merge at the 0.5 threshold of {@link toInstances} (tiny on
   * synthetic glands, same run otherwise: object Dice 0.852 with 1, 0.899 with 3).
   */
  contourPositiveWeight?: number;
  /**
   * Weight, inside the contour BCE, of the contour pixels that lie between two touching objects
   * (`touchingTarget` of `@qfcn/data`, the same band width) instead of `contourPositiveWeight`:
   * the lines whose misses merge neighbouring nuclei (after U-Net's weight map). Default: the
   * `contourPositiveWeight` (no extra weight).
   */
  touchingWeight?: number;
  /**
   * Weight of the distance loss (BCE of the `distance` head against `distanceTarget` of
   * `@qfcn/data`, soft targets in [0, 1]) relative to the object loss; only for a network built
   * with `distanceHead: true`. Default 1.
   */
  distanceWeight?: number;
  /**
   * Weight of the hv loss (HoVer-Net's: mean squared error of the `hv` head against `hvTarget` of
   * `@qfcn/data` plus twice that of their Sobel gradients on object pixels) relative to the object
   * loss; only for a network built with `hvHead: true`. Default 1.
   */
  hvWeight?: number;
  /** Held-out samples scored with GlaS object metrics at the end of validated epochs. */
  validation?: readonly Sample[];
  /** Validate every this many epochs (and after the last). Default 1. */
  validateEvery?: number;
  /** Tiling for validation inference. Default tile 256 (or the crop if larger), overlap tile/4. */
  validationTile?: { tile?: number; overlap?: number };
  /**
   * Post-processing used for validation instances. Defaults of {@link toInstances}, and for a network
   * with a distance head `distanceThreshold` 0.5.
   */
  instances?: ToInstancesOptions;
  /** Training hooks (e.g. INQ of `@qfcn/quantize/tfjs`), called in order. */
  hooks?: readonly TrainingHook<FcnWeight>[];
  /** Progress events: `train` after each step, `validate` after each validation. */
  onProgress?: ProgressListener;
  /** Write checkpoints here. */
  checkpoint?: CheckpointOptions;
  /** Resume from `checkpoint.path` when that file exists. Default false. */
  resume?: boolean;
  /** Stops training before the next step; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Scores and losses of one epoch. */
export interface EpochLog {
  readonly epoch: number;
  /** Mean total loss over the epoch's steps (object BCE + contourWeight x contour BCE [+ distanceWeight x distance BCE] [+ hvWeight x hv loss]). */
  readonly loss: number;
  readonly objectLoss: number;
  readonly contourLoss: number;
  /** Mean distance-head loss, for a network with a distance head. */
  readonly distanceLoss?: number;
  /** Mean hv-head loss, for a network with an hv head. */
  readonly hvLoss?: number;
  readonly seconds: number;
  readonly imagesPerSecond: number;
  /** Pooled GlaS scores on the validation samples, when validated. */
  readonly valF1?: number;
  readonly valObjectDice?: number;
  readonly valObjectHausdorff?: number;
  /** Mean over validation images of the aggregated Jaccard index and of panoptic quality. */
  readonly valAji?: number;
  readonly valPq?: number;
}

/** What {@link trainFcn} did. */
export interface TrainFcnResult {
  readonly epochs: number;
  /** Optimizer steps in total (including those before a resume). */
  readonly steps: number;
  readonly history: readonly EpochLog[];
  /**
   * With `selectBy: 'aji'`: the epoch whose weights were kept (with `restoreBestAt`: restored and
   * trained on from) and its validation AJI.
   */
  readonly selected?: { readonly epoch: number; readonly aji: number };
  /** Position the run resumed from, if it did. */
  readonly resumedFrom?: { readonly epoch: number; readonly step: number };
  /** Wall time of this call. */
  readonly seconds: number;
}
