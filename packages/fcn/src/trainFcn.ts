import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import type { Sample, TrainingContext } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { createRng } from '@qfcn/data';
import { inspectFcn } from './inspectFcn';
import { FCN_DISTANCE_OUTPUT, FCN_HV_OUTPUT } from './createFcn';
import { learningRateAt } from './learningRateAt';
import { Adam } from './Adam';
import { useFusedBatchNorm } from './useFusedBatchNorm';
import { hashSamples } from './internal/fingerprint';
import { hashInts } from '@qfcn/internal';
import { buildBatch, assertSamples, type BatchRecipe } from './internal/trainBatch';
import { WeightAverage } from './internal/weightAverage';
import {
  restoreCheckpoint,
  writeCheckpoint,
  type BestWeights,
  type EpochStats,
  type Position,
  type TrainState,
} from './internal/trainCheckpoint';
import { step } from './internal/trainStep';
import { scoreValidation } from './internal/trainValidation';
import type { EpochLog, TrainFcnOptions, TrainFcnResult } from './trainFcnOptions';

export type { CheckpointOptions, EpochLog, FcnWeight, TrainFcnOptions, TrainFcnResult } from './trainFcnOptions';

/**
 * Trains an FCN from {@link createFcn} on labelled samples (docs/algorithms.md §3 training).
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
 *   `@qfcn/data`; contour pixels weigh `contourPositiveWeight` (default 3) in their BCE, those between
 *   two touching objects `touchingWeight` (default the same); a network with a
 *   distance head adds `distanceWeight` (default 1) x the BCE of that head against `distanceTarget`, one
 *   with an hv head `hvWeight` (default 1) x HoVer-Net's hv loss against `hvTarget` (mean squared
 *   error + 2 x that of the maps' Sobel gradients on object pixels). Adam with β = (0.9, 0.999), ε = 1e-8.
 * - Hooks: `restoreState` (on resume), `onTrainBegin`, `onEpochBegin` (not again for an epoch
 *   resumed mid-way), `afterUpdate` after every optimizer step, `onEpochEnd` with the epoch's logs,
 *   `onTrainEnd`. `ctx.weights` maps each trainable weight's name (`layer/kernel`, `layer/gamma`, …)
 *   to its tfjs `Variable`, `ctx.step` counts optimizer steps so far.
 * - Checkpoints (one file, atomic) hold every weight (batch-norm statistics included), the Adam
 *   moments and step, hook states, the history and the position; with `resume: true` a run stopped
 *   at any point continues to bit-identical final weights (on a deterministic backend such as cpu).
 *   The training configuration must match the checkpoint's, except `epochs`, which may grow.
 * - Selection: `selectBy: 'aji'` keeps the weights of the best validation AJI and restores them at
 *   the end; with `restoreBestAt: E` they are restored at the start of epoch E instead and the run
 *   trains on from them and keeps its last weights (INQ from the best float checkpoint).
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
  const touchingWeight = options.touchingWeight ?? contourPositiveWeight;
  const validateEvery = options.validateEvery ?? 1;
  const weightDecay = options.weightDecay ?? 0;
  const objectDiceWeight = options.objectDiceWeight ?? 0;
  const distanceWeight = options.distanceWeight ?? 1;
  const hvWeight = options.hvWeight ?? 1;
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
  if (!(distanceWeight >= 0)) throw new InvalidArgumentError('distanceWeight', `must be ≥ 0, got ${distanceWeight}`);
  if (options.distanceWeight !== undefined && !info.distanceHead) {
    throw new InvalidArgumentError(
      'distanceWeight',
      'the model has no distance head (createFcn({ distanceHead: true }))',
    );
  }
  if (!(hvWeight >= 0)) throw new InvalidArgumentError('hvWeight', `must be ≥ 0, got ${hvWeight}`);
  if (options.hvWeight !== undefined && !info.hvHead) {
    throw new InvalidArgumentError('hvWeight', 'the model has no hv head (createFcn({ hvHead: true }))');
  }
  if (!(objectDiceWeight >= 0))
    throw new InvalidArgumentError('objectDiceWeight', `must be ≥ 0, got ${objectDiceWeight}`);
  if (selectBy !== 'aji' && selectBy !== 'last') {
    throw new InvalidArgumentError('selectBy', `must be 'aji' or 'last', got '${String(selectBy)}'`);
  }
  if (selectBy === 'aji' && !options.validation?.length) {
    throw new InvalidArgumentError('selectBy', "'aji' needs validation samples to select on");
  }
  const restoreBestAt = options.restoreBestAt;
  if (restoreBestAt !== undefined) {
    if (selectBy !== 'aji')
      throw new InvalidArgumentError('restoreBestAt', "needs selectBy: 'aji' (best-validation weights to restore)");
    if (options.averageWeights)
      throw new InvalidArgumentError('restoreBestAt', 'cannot be combined with averageWeights');
  }
  const averaging = options.averageWeights;
  const averageDecay = averaging?.decay ?? 0.995;
  const averageStart = averaging?.startStep ?? 0;
  if (averaging) {
    if (!(averageDecay > 0 && averageDecay < 1))
      throw new InvalidArgumentError('averageWeights.decay', `must be in (0, 1), got ${averageDecay}`);
    if (!(Number.isInteger(averageStart) && averageStart >= 0))
      throw new InvalidArgumentError('averageWeights.startStep', `must be an integer ≥ 0, got ${averageStart}`);
    if (hooks.length > 0)
      throw new InvalidArgumentError(
        'averageWeights',
        `cannot be combined with training hooks (${hooks.map((h) => h.name).join(', ')}): an average of constrained (e.g. quantized) weights leaves their constraint`,
      );
  }
  if (!(contourWeight >= 0)) throw new InvalidArgumentError('contourWeight', `must be ≥ 0, got ${contourWeight}`);
  if (!(contourPositiveWeight > 0)) {
    throw new InvalidArgumentError('contourPositiveWeight', `must be > 0, got ${contourPositiveWeight}`);
  }
  if (!(touchingWeight > 0)) throw new InvalidArgumentError('touchingWeight', `must be > 0, got ${touchingWeight}`);
  const weighsTouching = touchingWeight !== contourPositiveWeight;
  if (!Number.isInteger(seed)) throw new InvalidArgumentError('seed', `must be an integer, got ${seed}`);
  if (!Number.isInteger(crop) || crop < info.divisor || crop % info.divisor !== 0) {
    throw new InvalidArgumentError(
      'crop',
      `must be a positive multiple of ${info.divisor} (2^(stages-1)), got ${crop}`,
    );
  }
  assertSamples(samples, info.inputChannels, crop, 'samples');
  if (options.validation) assertSamples(options.validation, info.inputChannels, 0, 'validation');
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
  if (
    restoreBestAt !== undefined &&
    !(Number.isInteger(restoreBestAt) && restoreBestAt >= 1 && restoreBestAt < epochCount)
  ) {
    throw new InvalidArgumentError(
      'restoreBestAt',
      `must be an integer epoch in 1..${epochCount - 1} (the run has ${epochCount} epochs), got ${restoreBestAt}`,
    );
  }
  // the run's first learning rate, so that bad schedule settings fail before any work
  learningRateAt(0, totalSteps, learningRate, schedule);
  const trainModel = tf.model({
    inputs: model.inputs,
    outputs: [
      ...['object', 'contour', ...(info.distanceHead ? [FCN_DISTANCE_OUTPUT] : [])].map(
        (head) => model.getLayer(`${head}_logits`).output as tf.SymbolicTensor,
      ),
      // the hv loss is on the maps themselves (after tanh)
      ...(info.hvHead ? [model.getLayer(FCN_HV_OUTPUT).output as tf.SymbolicTensor] : []),
    ],
  });
  useFusedBatchNorm(trainModel); // one kernel each way per batch-norm layer where the backend has them
  const trainable = model.trainableWeights.map((w) => ({ name: w.originalName, variable: w.read() as tf.Variable }));
  const weights = new Map<string, tf.Variable>(trainable.map((t) => [t.name, t.variable]));
  const adam = new Adam(
    trainable.map((t) => t.variable),
    { learningRate },
  );
  const decay = weightDecay > 0 ? trainable.map((t) => (t.name.endsWith('/kernel') ? weightDecay : 0)) : undefined;
  const scheduled =
    options.steps !== undefined || (schedule.decay ?? 'constant') !== 'constant' || (schedule.warmupSteps ?? 0) > 0;
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
    ...(restoreBestAt !== undefined ? { restoreBestAt } : {}),
    ...(averaging ? { averageWeights: { decay: averageDecay, startStep: averageStart } } : {}),
    ...(info.distanceHead ? { distanceWeight } : {}),
    ...(info.hvHead ? { hvWeight } : {}),
    ...(weighsTouching ? { touchingWeight } : {}),
  };

  const position: Position = { epoch: 0, batch: 0, step: 0 };
  const history: EpochLog[] = [];
  let epochStats: EpochStats = newEpochStats(info);
  let resumedFrom: { epoch: number; step: number } | undefined;
  const best: BestWeights = { epoch: -1, aji: -Infinity, weights: null };
  const average = averaging ? new WeightAverage(model, averageDecay, averageStart) : undefined;
  const trainState: TrainState = { model, adam, hooks, fingerprint, trainable, best, average };
  const recipe: BatchRecipe = {
    samples,
    crop,
    cropsPerImage,
    seed,
    augment: fingerprint.augment,
    contourThickness,
    distance: info.distanceHead,
    hv: info.hvHead,
    ...(weighsTouching ? { contourWeights: { positive: contourPositiveWeight, touching: touchingWeight } } : {}),
  };
  const ctx = (): TrainingContext<tf.Variable> => ({ weights, epoch: position.epoch, step: position.step });

  try {
    if (options.resume && options.checkpoint && existsSync(options.checkpoint.path)) {
      const restored = restoreCheckpoint(options.checkpoint.path, trainState);
      Object.assign(position, restored.position);
      history.push(...restored.history);
      epochStats = restored.epochStats;
      resumedFrom = { epoch: position.epoch, step: position.step };
    }

    const save = async () => {
      if (!options.checkpoint) return;
      await writeCheckpoint(options.checkpoint.path, trainState, { position, history, epochStats });
    };

    // once, at the start of epoch `restoreBestAt`, before any hook sees that epoch (a run resumed
    // right there restores before onTrainBegin, where an INQ hook already binds to the weights)
    let restorePending = restoreBestAt !== undefined;
    const restoreIfDue = () => {
      if (!restorePending || position.epoch !== restoreBestAt || position.batch !== 0 || !best.weights) return;
      writeWeights(model, best.weights);
      restorePending = false;
    };
    restoreIfDue();
    for (const h of hooks) await h.onTrainBegin?.(ctx());
    while (position.epoch < epochCount) {
      const epoch = position.epoch;
      if (position.batch === 0) {
        restoreIfDue();
        epochStats = newEpochStats(info);
        for (const h of hooks) await h.onEpochBegin?.(ctx());
      }
      const order = createRng(hashInts(seed, epoch, 0x0e90c4)).shuffle(
        Array.from({ length: itemsPerEpoch }, (_, i) => i),
      );
      while (position.batch < stepsPerEpoch && position.step < totalSteps) {
        options.signal?.throwIfAborted();
        const t0 = performance.now();
        const indices = Array.from({ length: batchSize }, (_, k) => (position.batch * batchSize + k) % itemsPerEpoch);
        const batch = buildBatch(recipe, order, epoch, indices);
        const rate = learningRateAt(position.step, totalSteps, learningRate, schedule);
        const losses = step(trainModel, adam, trainable, batch, {
          contourWeight,
          contourPositiveWeight,
          objectDiceWeight,
          distanceWeight,
          hvWeight,
          rate,
          decay,
        });
        position.batch += 1;
        position.step += 1;
        for (const h of hooks) h.afterUpdate?.(ctx());
        average?.update(position.step);
        const seconds = (performance.now() - t0) / 1000;
        epochStats.loss += losses.total;
        epochStats.objectLoss += losses.object;
        epochStats.contourLoss += losses.contour;
        if (epochStats.distanceLoss !== undefined) epochStats.distanceLoss += losses.distance ?? 0;
        if (epochStats.hvLoss !== undefined) epochStats.hvLoss += losses.hv ?? 0;
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
            ...(losses.distance !== undefined ? { distanceLoss: losses.distance } : {}),
            ...(losses.hv !== undefined ? { hvLoss: losses.hv } : {}),
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
        ...(epochStats.distanceLoss !== undefined ? { distanceLoss: epochStats.distanceLoss / epochStats.steps } : {}),
        ...(epochStats.hvLoss !== undefined ? { hvLoss: epochStats.hvLoss / epochStats.steps } : {}),
        seconds: epochStats.seconds,
        imagesPerSecond: (epochStats.steps * batchSize) / epochStats.seconds,
      };
      const validation = options.validation ?? [];
      const validating = (epoch + 1) % validateEvery === 0 || epoch === epochCount - 1 || epoch + 1 === restoreBestAt;
      if (validation.length > 0 && validating) {
        options.signal?.throwIfAborted();
        // with averaging, the average is what is validated, selected and kept
        const scores = average
          ? average.withAverage(() => scoreValidation(model, validation, options, crop))
          : scoreValidation(model, validation, options, crop);
        log = {
          ...log,
          valF1: scores.f1,
          valObjectDice: scores.objectDice,
          valObjectHausdorff: scores.objectHausdorff,
          valAji: scores.aji,
          valPq: scores.pq,
        };
        const candidate = restoreBestAt === undefined || epoch < restoreBestAt;
        if (selectBy === 'aji' && candidate && scores.aji > best.aji) {
          best.epoch = epoch;
          best.aji = scores.aji;
          best.weights = average?.values() ?? model.weights.map((w) => (w.read().dataSync() as Float32Array).slice());
        }
        options.onProgress?.({
          stage: 'validate',
          current: epoch + 1,
          total: epochCount,
          values: {
            epoch,
            f1: scores.f1,
            objectDice: scores.objectDice,
            objectHausdorff: scores.objectHausdorff,
            aji: scores.aji,
            pq: scores.pq,
          },
        });
      }
      for (const h of hooks) await h.onEpochEnd?.(ctx(), { ...log });
      history.push(log);
      position.epoch += 1;
      position.batch = 0;
      const everyEpochs = options.checkpoint?.everyEpochs ?? 1;
      if (position.epoch % everyEpochs === 0 || position.epoch === epochCount) await save();
    }
    if (selectBy === 'aji' && best.weights && restoreBestAt === undefined) writeWeights(model, best.weights);
    else average?.writeInto();
    for (const h of hooks) await h.onTrainEnd?.(ctx());
  } finally {
    adam.dispose();
    average?.dispose();
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

/** Writes copies of every model weight (as `best.weights` holds them) back into the model. */
function writeWeights(model: tf.LayersModel, values: readonly Float32Array[]): void {
  tf.tidy(() => model.weights.forEach((w, i) => w.write(tf.tensor(values[i]!, w.shape as number[]))));
}

/** Zeroed running sums of an epoch (with the distance and hv losses for a network with those heads). */
function newEpochStats(info: { distanceHead: boolean; hvHead: boolean }): EpochStats {
  return {
    loss: 0,
    objectLoss: 0,
    contourLoss: 0,
    ...(info.distanceHead ? { distanceLoss: 0 } : {}),
    ...(info.hvHead ? { hvLoss: 0 } : {}),
    steps: 0,
    seconds: 0,
  };
}
