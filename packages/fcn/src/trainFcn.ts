import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import type { LabelMap, ProgressListener, Sample, TrainingContext, TrainingHook } from '@qfcn/contract';
import { CorruptFileError, InvalidArgumentError } from '@qfcn/contract';
import { augment, contourTarget, createRng, objectTarget, type AugmentOptions } from '@qfcn/data';
import { aggregatedJaccardIndex, evaluate, panopticQuality } from '@qfcn/metrics';
import { inspectFcn } from './inspectFcn';
import { learningRateAt, type LearningRateSchedule } from './learningRateAt';
import { Adam } from './internal/adam';
import { useFusedBatchNorm } from './useFusedBatchNorm';
import { bce } from './internal/bce';
import { readCheckpointFile, writeCheckpointFile, type StoredArray } from './internal/checkpointFile';
import { hashSamples } from './internal/fingerprint';
import { hashInts } from './internal/hash';
import { predictTiled } from './internal/predictTiled';
import { decodeState, encodeState } from './internal/stateCodec';
import { validateImage, validateLabel } from './internal/validate';
import { toInstances, type ToInstancesOptions } from './toInstances';

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
  /** Crops per optimizer step. Default 4 (SPEC §3). */
  batchSize?: number;
  /** Adam learning rate. Default 5e-4 (SPEC §3). */
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
  /** Held-out samples scored with GlaS object metrics at the end of validated epochs. */
  validation?: readonly Sample[];
  /** Validate every this many epochs (and after the last). Default 1. */
  validateEvery?: number;
  /** Tiling for validation inference. Default tile 256 (or the crop if larger), overlap tile/4. */
  validationTile?: { tile?: number; overlap?: number };
  /** Post-processing used for validation instances. Defaults of {@link toInstances}. */
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
  /** Mean total loss over the epoch's steps (object BCE + contourWeight x contour BCE). */
  readonly loss: number;
  readonly objectLoss: number;
  readonly contourLoss: number;
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
  /** With `selectBy: 'aji'`: the epoch whose weights were kept and its validation AJI. */
  readonly selected?: { readonly epoch: number; readonly aji: number };
  /** Position the run resumed from, if it did. */
  readonly resumedFrom?: { readonly epoch: number; readonly step: number };
  /** Wall time of this call. */
  readonly seconds: number;
}

const CHECKPOINT_KIND = 'qfcn-train-checkpoint';

interface Position {
  epoch: number;
  /** Next batch of `epoch` to run; `stepsPerEpoch` means the epoch's end-of-epoch work is pending. */
  batch: number;
  step: number;
}

/**
 * Trains an FCN from {@link createFcn} on labelled samples (SPEC §3 training).
 *
 * When to use: to fit the network (or one ensemble member) on annotated images; the INQ hook of
 * `@qfcn/quantize/tfjs` turns this into quantized training (QNT).
 *
 * Details:
 * - Each epoch visits every sample `cropsPerImage` times in an order drawn from `(seed, epoch)`; a
 *   crop's window and augmentation (`augment` of `@qfcn/data`) are drawn from `(seed, epoch, index)`,
 *   so no random state has to be carried between steps. The last batch of an epoch
 *   is filled up from the start of the order, so every step has `batchSize` crops.
 * - Loss: mean per-pixel binary cross-entropy (from logits) of the object head against
 *   `objectTarget` (label > 0) plus `contourWeight` x that of the contour head against
 *   `contourTarget` (a `contourThickness`-pixel inner boundary band of every instance), both from
 *   `@qfcn/data`; contour pixels weigh `contourPositiveWeight` (default 3) in their BCE. Adam with β = (0.9, 0.999), ε = 1e-8.
 * - Hooks: `restoreState` (on resume), `onTrainBegin`, `onEpochBegin` (not again for an epoch
 *   resumed mid-way), `afterUpdate` after every optimizer step, `onEpochEnd` with the epoch's logs,
 *   `onTrainEnd`. `ctx.weights` maps each trainable weight's name (`layer/kernel`, `layer/gamma`, …)
 *   to its tfjs `Variable`, `ctx.step` counts optimizer steps so far.
 * - Checkpoints (one file, atomic) hold every weight (batch-norm statistics included), the Adam
 *   moments and step, hook states, the history and the position; with `resume: true` a run stopped
 *   at any point continues to bit-identical final weights (on a deterministic backend such as cpu).
 *   The training configuration must match the checkpoint's, except `epochs`, which may grow.
 * - Each call starts a fresh optimizer (Adam moments zero); to continue a run with its optimizer
 *   state, resume from its checkpoint.
 * - Bad input throws {@link InvalidArgumentError}: no samples, a sample without label, a label of
 *   another size than its image, an image with the wrong channel count, a crop larger than an image
 *   or not a multiple of the model's divisor.
 * - Leak-free: the tensor count is the same before and after every step.
 *
 * @example
 * const model = createFcn({ preset: 'tiny', seed: 1 });
 * const result = await trainFcn(model, samples, { epochs: 20, crop: 96, onProgress: console.log });
 */
export async function trainFcn(
  model: tf.LayersModel,
  samples: readonly Sample[],
  options: TrainFcnOptions = {},
): Promise<TrainFcnResult> {
  const started = performance.now();
  const info = inspectFcn(model);
  const epochs = options.epochs ?? 10;
  const batchSize = options.batchSize ?? 4;
  const learningRate = options.learningRate ?? 5e-4;
  const crop = options.crop ?? 128;
  const cropsPerImage = options.cropsPerImage ?? 1;
  const seed = options.seed ?? 0;
  const contourThickness = options.contourThickness ?? 2;
  const contourWeight = options.contourWeight ?? 1;
  const contourPositiveWeight = options.contourPositiveWeight ?? 3;
  const validateEvery = options.validateEvery ?? 1;
  const weightDecay = options.weightDecay ?? 0;
  const objectDiceWeight = options.objectDiceWeight ?? 0;
  const selectBy = options.selectBy ?? 'last';
  const schedule = options.schedule ?? {};
  const hooks = options.hooks ?? [];
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError(name, `must be a positive integer, got ${v}`);
  };
  positiveInt('epochs', epochs);
  positiveInt('batchSize', batchSize);
  positiveInt('cropsPerImage', cropsPerImage);
  positiveInt('contourThickness', contourThickness);
  positiveInt('validateEvery', validateEvery);
  if (!(learningRate > 0)) throw new InvalidArgumentError('learningRate', `must be positive, got ${learningRate}`);
  if (options.steps !== undefined) positiveInt('steps', options.steps);
  if (!(weightDecay >= 0)) throw new InvalidArgumentError('weightDecay', `must be ≥ 0, got ${weightDecay}`);
  if (!(objectDiceWeight >= 0)) throw new InvalidArgumentError('objectDiceWeight', `must be ≥ 0, got ${objectDiceWeight}`);
  if (selectBy !== 'aji' && selectBy !== 'last') {
    throw new InvalidArgumentError('selectBy', `must be 'aji' or 'last', got '${String(selectBy)}'`);
  }
  if (selectBy === 'aji' && !options.validation?.length) {
    throw new InvalidArgumentError('selectBy', "'aji' needs validation samples to select on");
  }
  if (!(contourWeight >= 0)) throw new InvalidArgumentError('contourWeight', `must be ≥ 0, got ${contourWeight}`);
  if (!(contourPositiveWeight > 0)) {
    throw new InvalidArgumentError('contourPositiveWeight', `must be > 0, got ${contourPositiveWeight}`);
  }
  if (!Number.isInteger(seed)) throw new InvalidArgumentError('seed', `must be an integer, got ${seed}`);
  if (!Number.isInteger(crop) || crop < info.divisor || crop % info.divisor !== 0) {
    throw new InvalidArgumentError('crop', `must be a positive multiple of ${info.divisor} (2^(stages-1)), got ${crop}`);
  }
  validateSamples(samples, info.inputChannels, crop, 'samples');
  if (options.validation) validateSamples(options.validation, info.inputChannels, 0, 'validation');
  if (options.resume && !options.checkpoint) {
    throw new InvalidArgumentError('resume', 'needs checkpoint.path to resume from');
  }
  if (options.checkpoint) {
    const { everySteps, everyEpochs } = options.checkpoint;
    if (everySteps !== undefined) positiveInt('checkpoint.everySteps', everySteps);
    if (everyEpochs !== undefined) positiveInt('checkpoint.everyEpochs', everyEpochs);
  }

  const itemsPerEpoch = samples.length * cropsPerImage;
  const stepsPerEpoch = Math.ceil(itemsPerEpoch / batchSize);
  const totalSteps = options.steps ?? epochs * stepsPerEpoch;
  const epochCount = options.steps === undefined ? epochs : Math.ceil(options.steps / stepsPerEpoch);
  // the run's first learning rate, so that bad schedule settings fail before any work
  learningRateAt(0, totalSteps, learningRate, schedule);
  const trainModel = tf.model({
    inputs: model.inputs,
    outputs: [model.getLayer('object_logits').output, model.getLayer('contour_logits').output] as tf.SymbolicTensor[],
  });
  useFusedBatchNorm(trainModel); // one kernel each way per batch-norm layer where the backend has them
  const trainable = model.trainableWeights.map((w) => ({ name: w.originalName, variable: w.read() as tf.Variable }));
  const weights = new Map<string, tf.Variable>(trainable.map((t) => [t.name, t.variable]));
  const adam = new Adam(
    trainable.map((t) => t.variable),
    { learningRate },
  );
  const decay = weightDecay > 0 ? trainable.map((t) => (t.name.endsWith('/kernel') ? weightDecay : 0)) : undefined;
  const scheduled = options.steps !== undefined || (schedule.decay ?? 'constant') !== 'constant' || (schedule.warmupSteps ?? 0) > 0;
  const fingerprint = {
    batchSize,
    learningRate,
    crop,
    cropsPerImage,
    seed,
    contourThickness,
    contourWeight,
    contourPositiveWeight,
    augment: { ...options.augment },
    samples: samples.map((s) => s.id),
    // the pixels too: a resume on other data under the same ids is refused
    samplesSha256: hashSamples(samples),
    // newer settings enter the fingerprint only when used, so older checkpoints still resume
    ...(scheduled ? { schedule: { ...schedule }, totalSteps } : {}),
    ...(weightDecay > 0 ? { weightDecay } : {}),
    ...(objectDiceWeight > 0 ? { objectDiceWeight } : {}),
    ...(selectBy !== 'last' ? { selectBy } : {}),
  };

  const position: Position = { epoch: 0, batch: 0, step: 0 };
  const history: EpochLog[] = [];
  let epochStats = { loss: 0, objectLoss: 0, contourLoss: 0, steps: 0, seconds: 0 };
  let resumedFrom: { epoch: number; step: number } | undefined;
  const best: BestWeights = { epoch: -1, aji: -Infinity, weights: null };
  const ctx = (): TrainingContext<tf.Variable> => ({ weights, epoch: position.epoch, step: position.step });

  try {
    if (options.resume && options.checkpoint && existsSync(options.checkpoint.path)) {
      const restored = restoreCheckpoint(options.checkpoint.path, model, adam, hooks, fingerprint, trainable, best);
      Object.assign(position, restored.position);
      history.push(...restored.history);
      epochStats = restored.epochStats;
      resumedFrom = { epoch: position.epoch, step: position.step };
    }

    const save = async () => {
      if (!options.checkpoint) return;
      await writeCheckpoint(options.checkpoint.path, model, adam, hooks, fingerprint, position, history, epochStats, trainable, best);
    };

    for (const h of hooks) await h.onTrainBegin?.(ctx());
    while (position.epoch < epochCount) {
      const epoch = position.epoch;
      if (position.batch === 0) {
        epochStats = { loss: 0, objectLoss: 0, contourLoss: 0, steps: 0, seconds: 0 };
        for (const h of hooks) await h.onEpochBegin?.(ctx());
      }
      const order = createRng(hashInts(seed, epoch, 0x0e90c4)).shuffle(Array.from({ length: itemsPerEpoch }, (_, i) => i));
      while (position.batch < stepsPerEpoch && position.step < totalSteps) {
        options.signal?.throwIfAborted();
        const t0 = performance.now();
        const indices = Array.from({ length: batchSize }, (_, k) => (position.batch * batchSize + k) % itemsPerEpoch);
        const batch = buildBatch(samples, order, indices, crop, cropsPerImage, seed, epoch, fingerprint.augment, contourThickness);
        const rate = learningRateAt(position.step, totalSteps, learningRate, schedule);
        const losses = step(trainModel, adam, trainable, batch, { contourWeight, contourPositiveWeight, objectDiceWeight, rate, decay });
        position.batch += 1;
        position.step += 1;
        for (const h of hooks) h.afterUpdate?.(ctx());
        const seconds = (performance.now() - t0) / 1000;
        epochStats.loss += losses.total;
        epochStats.objectLoss += losses.object;
        epochStats.contourLoss += losses.contour;
        epochStats.steps += 1;
        epochStats.seconds += seconds;
        options.onProgress?.({
          stage: 'train',
          current: position.step,
          total: totalSteps,
          values: {
            epoch,
            step: position.step,
            learningRate: rate,
            loss: losses.total,
            objectLoss: losses.object,
            contourLoss: losses.contour,
            imagesPerSecond: (epochStats.steps * batchSize) / epochStats.seconds,
          },
        });
        if (options.checkpoint?.everySteps && position.step % options.checkpoint.everySteps === 0) await save();
      }

      let log: EpochLog = {
        epoch,
        loss: epochStats.loss / epochStats.steps,
        objectLoss: epochStats.objectLoss / epochStats.steps,
        contourLoss: epochStats.contourLoss / epochStats.steps,
        seconds: epochStats.seconds,
        imagesPerSecond: (epochStats.steps * batchSize) / epochStats.seconds,
      };
      const validation = options.validation ?? [];
      if (validation.length > 0 && ((epoch + 1) % validateEvery === 0 || epoch === epochCount - 1)) {
        options.signal?.throwIfAborted();
        const scores = validate(model, validation, options, crop);
        log = {
          ...log,
          valF1: scores.f1,
          valObjectDice: scores.objectDice,
          valObjectHausdorff: scores.objectHausdorff,
          valAji: scores.aji,
          valPq: scores.pq,
        };
        if (selectBy === 'aji' && scores.aji > best.aji) {
          best.epoch = epoch;
          best.aji = scores.aji;
          best.weights = model.weights.map((w) => (w.read().dataSync() as Float32Array).slice());
        }
        options.onProgress?.({
          stage: 'validate',
          current: epoch + 1,
          total: epochCount,
          values: { epoch, f1: scores.f1, objectDice: scores.objectDice, objectHausdorff: scores.objectHausdorff, aji: scores.aji, pq: scores.pq },
        });
      }
      for (const h of hooks) await h.onEpochEnd?.(ctx(), { ...log });
      history.push(log);
      position.epoch += 1;
      position.batch = 0;
      const everyEpochs = options.checkpoint?.everyEpochs ?? 1;
      if (position.epoch % everyEpochs === 0 || position.epoch === epochCount) await save();
    }
    if (selectBy === 'aji' && best.weights) {
      const kept = best.weights;
      tf.tidy(() => model.weights.forEach((w, i) => w.write(tf.tensor(kept[i], w.shape as number[]))));
    }
    for (const h of hooks) await h.onTrainEnd?.(ctx());
  } finally {
    adam.dispose();
  }
  return {
    epochs: epochCount,
    steps: position.step,
    history,
    ...(selectBy === 'aji' && best.weights ? { selected: { epoch: best.epoch, aji: best.aji } } : {}),
    ...(resumedFrom ? { resumedFrom } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}

function validateSamples(samples: readonly Sample[], channels: number, crop: number, argument: string): void {
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new InvalidArgumentError(argument, 'empty dataset: at least one labelled sample is needed');
  }
  for (const s of samples) {
    validateImage(s.image, channels, `${argument}[${s.id}].image`);
    if (!s.label) throw new InvalidArgumentError(`${argument}[${s.id}].label`, 'sample has no label map');
    validateLabel(s.label, s.image, `${argument}[${s.id}].label`);
    if (crop > s.image.width || crop > s.image.height) {
      throw new InvalidArgumentError(
        'crop',
        `crop ${crop}x${crop} is larger than image '${s.id}' (${s.image.width}x${s.image.height})`,
      );
    }
  }
}

interface Batch {
  x: Float32Array;
  object: Float32Array;
  contour: Float32Array;
  n: number;
  crop: number;
  channels: number;
}

function buildBatch(
  samples: readonly Sample[],
  order: readonly number[],
  indices: readonly number[],
  crop: number,
  cropsPerImage: number,
  seed: number,
  epoch: number,
  augmentOptions: Omit<AugmentOptions, 'crop'>,
  contourThickness: number,
): Batch {
  const channels = samples[0].image.channels;
  const px = crop * crop;
  const x = new Float32Array(indices.length * px * channels);
  const object = new Float32Array(indices.length * px);
  const contour = new Float32Array(indices.length * px);
  indices.forEach((index, k) => {
    const sample = samples[Math.floor(order[index] / cropsPerImage)];
    const c = augment(sample, hashInts(seed, epoch, index, 0xc409), { ...augmentOptions, crop });
    const label = c.label as LabelMap;
    x.set(c.image.data, k * px * channels);
    object.set(objectTarget(label), k * px);
    contour.set(contourTarget(label, { thickness: contourThickness }), k * px);
  });
  return { x, object, contour, n: indices.length, crop, channels };
}

/** Loss weights and the update of one optimizer step. */
interface StepSettings {
  contourWeight: number;
  contourPositiveWeight: number;
  objectDiceWeight: number;
  /** Learning rate of this step. */
  rate: number;
  /** Per-variable decoupled weight decay, when any. */
  decay: readonly number[] | undefined;
}

/** Copies of every model weight at the best validation so far. */
interface BestWeights {
  epoch: number;
  aji: number;
  weights: Float32Array[] | null;
}

function step(
  trainModel: tf.LayersModel,
  adam: Adam,
  trainable: readonly { name: string; variable: tf.Variable }[],
  batch: Batch,
  settings: StepSettings,
): { total: number; object: number; contour: number } {
  const { contourWeight, contourPositiveWeight, objectDiceWeight } = settings;
  const { n, crop, channels } = batch;
  let objectLoss = 0;
  let contourLoss = 0;
  const total = tf.tidy(() => {
    const x = tf.tensor4d(batch.x, [n, crop, crop, channels]);
    const yObject = tf.tensor4d(batch.object, [n, crop, crop, 1]);
    const yContour = tf.tensor4d(batch.contour, [n, crop, crop, 1]);
    const { value, grads } = tf.variableGrads(() => {
      const [zObject, zContour] = trainModel.apply(x, { training: true }) as tf.Tensor[];
      const lo = objectDiceWeight > 0 ? tf.add(bce(yObject, zObject), tf.mul(softDiceLoss(yObject, zObject), objectDiceWeight)) : bce(yObject, zObject);
      const lc = bce(yContour, zContour, contourPositiveWeight);
      objectLoss = lo.dataSync()[0];
      contourLoss = lc.dataSync()[0];
      return tf.add(lo, tf.mul(lc, contourWeight)) as tf.Scalar;
    }, trainable.map((t) => t.variable));
    adam.apply(
      trainable.map((t) => grads[t.variable.name]),
      settings.rate,
      settings.decay,
    );
    return value.dataSync()[0];
  });
  return { total, object: objectLoss, contour: contourLoss };
}

/** `1 − (2Σpy + 1)/(Σp + Σy + 1)` over the whole batch, `p = sigmoid(logits)`. */
function softDiceLoss(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.sigmoid(logits);
    const inter = tf.sum(tf.mul(p, labels));
    const total = tf.add(tf.sum(p), tf.sum(labels));
    return tf.sub(1, tf.div(tf.add(tf.mul(inter, 2), 1), tf.add(total, 1))) as tf.Scalar;
  });
}

function validate(
  model: tf.LayersModel,
  samples: readonly Sample[],
  options: TrainFcnOptions,
  crop: number,
): { f1: number; objectDice: number; objectHausdorff: number; aji: number; pq: number } {
  const tile = options.validationTile?.tile ?? Math.max(256, crop);
  const pairs = samples.map((s) => {
    const out = predictTiled(model, s.image, { tile, overlap: options.validationTile?.overlap }, { maps: true });
    return { id: s.id, segmentation: toInstances(out, options.instances), groundTruth: s.label as LabelMap };
  });
  const { pooled } = evaluate(pairs);
  let aji = 0;
  let pq = 0;
  for (const p of pairs) {
    aji += aggregatedJaccardIndex(p.segmentation, p.groundTruth) / pairs.length;
    pq += panopticQuality(p.segmentation, p.groundTruth).pq / pairs.length;
  }
  return { f1: pooled.f1, objectDice: pooled.objectDice, objectHausdorff: pooled.objectHausdorff, aji, pq };
}

async function writeCheckpoint(
  path: string,
  model: tf.LayersModel,
  adam: Adam,
  hooks: readonly TrainingHook<tf.Variable>[],
  fingerprint: Record<string, unknown>,
  position: Position,
  history: readonly EpochLog[],
  epochStats: Record<string, number>,
  trainable: readonly { name: string; variable: tf.Variable }[],
  best: BestWeights,
): Promise<void> {
  const arrays: StoredArray[] = [];
  const bestWeights = best.weights;
  if (bestWeights) model.weights.forEach((w, i) => arrays.push({ name: `b:${w.originalName}`, shape: w.shape as number[], data: bestWeights[i] }));
  for (const w of model.weights) {
    arrays.push({ name: `w:${w.originalName}`, shape: w.shape as number[], data: (await w.read().data()) as Float32Array });
  }
  const state = await adam.getState();
  trainable.forEach((t, i) => {
    arrays.push({ name: `m:${t.name}`, shape: t.variable.shape, data: state.m[i] });
    arrays.push({ name: `v:${t.name}`, shape: t.variable.shape, data: state.v[i] });
  });
  const hookStates: Record<string, unknown> = {};
  for (const h of hooks) if (h.saveState) hookStates[h.name] = encodeState(h.saveState(), `hook:${h.name}`, arrays);
  writeCheckpointFile(
    path,
    {
      kind: CHECKPOINT_KIND,
      position,
      fingerprint,
      adamStep: state.step,
      hooks: hookStates,
      history: encodeState(history, 'history', arrays),
      epochStats,
      ...(bestWeights ? { best: { epoch: best.epoch, aji: best.aji } } : {}),
    },
    arrays,
  );
}

function restoreCheckpoint(
  path: string,
  model: tf.LayersModel,
  adam: Adam,
  hooks: readonly TrainingHook<tf.Variable>[],
  fingerprint: Record<string, unknown>,
  trainable: readonly { name: string; variable: tf.Variable }[],
  best: BestWeights,
): { position: Position; history: EpochLog[]; epochStats: { loss: number; objectLoss: number; contourLoss: number; steps: number; seconds: number } } {
  const { header, arrays } = readCheckpointFile(path);
  if (header.kind !== CHECKPOINT_KIND) throw new CorruptFileError(`not a training checkpoint (kind ${String(header.kind)})`, { path });
  const saved = header.fingerprint as Record<string, unknown>;
  const differing = Object.keys(fingerprint).filter((k) => JSON.stringify(saved?.[k]) !== JSON.stringify(fingerprint[k]));
  if (differing.length > 0) {
    throw new InvalidArgumentError(
      'resume',
      `checkpoint ${path} was made with other training settings: ${differing
        .map((k) => `${k} ${JSON.stringify(saved?.[k])} (now ${JSON.stringify(fingerprint[k])})`)
        .join('; ')}`,
    );
  }
  const get = (name: string, shape: readonly number[]) => {
    const a = arrays.get(name);
    if (!a || a.shape.length !== shape.length || a.shape.some((d, i) => d !== shape[i])) {
      throw new InvalidArgumentError('model', `checkpoint ${path} does not match this architecture (weight ${name})`);
    }
    return a.data as Float32Array;
  };
  tf.tidy(() => {
    for (const w of model.weights) w.write(tf.tensor(get(`w:${w.originalName}`, w.shape as number[]), w.shape as number[]));
  });
  adam.setState({
    step: header.adamStep as number,
    m: trainable.map((t) => get(`m:${t.name}`, t.variable.shape)),
    v: trainable.map((t) => get(`v:${t.name}`, t.variable.shape)),
  });
  const savedBest = header.best as { epoch: number; aji: number } | undefined;
  if (savedBest) {
    best.epoch = savedBest.epoch;
    best.aji = savedBest.aji;
    best.weights = model.weights.map((w) => get(`b:${w.originalName}`, w.shape as number[]).slice());
  }
  const hookStates = (header.hooks ?? {}) as Record<string, unknown>;
  for (const h of hooks) {
    if (!h.restoreState) continue;
    if (!(h.name in hookStates)) throw new InvalidArgumentError('hooks', `checkpoint ${path} holds no state for hook '${h.name}'`);
    h.restoreState(decodeState(hookStates[h.name], arrays));
  }
  return {
    position: header.position as Position,
    history: decodeState(header.history, arrays) as EpochLog[],
    epochStats: header.epochStats as { loss: number; objectLoss: number; contourLoss: number; steps: number; seconds: number },
  };
}
