import type { LabelMap, Sample } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { HE_AUGMENTATION } from '@qfcn/data';
import type { MemberTrainOptions } from './trainEnsemble';

/** Options of {@link recommendedTraining}. */
export interface RecommendedTrainingOptions {
  /** Optimizer steps of float training. Default 2000. */
  steps?: number;
  /**
   * Float training in epochs of one crop per image instead (the trainer's `epochs`), overriding
   * `steps`: for short runs and tests.
   */
  epochs?: number;
  /** Peak Adam learning rate. Default 2e-3. */
  learningRate?: number;
  /** Crop side. Default 128. */
  crop?: number;
  /** Crops per step. Default 4. */
  batchSize?: number;
  /** Validate (and checkpoint) about every this many steps. Default 200. */
  validateEverySteps?: number;
  /**
   * INQ re-training after the float training, `epochsPerStep` epochs for each of INQ's 4 steps: the
   * float steps are rounded up to whole epochs, the result counts `epochs` (float + INQ) instead of
   * `steps`, so INQ's hook starts at epoch `epochs − 4 · epochsPerStep`. The float phase is the
   * float-only recipe's (the same cosine decay to 1e-5); at its end the best-validation float
   * weights are restored (`restoreBestAt`), INQ quantizes them and re-trains at the constant rate
   * `learningRate` (default a tenth of the peak rate), and the last (quantized) weights are kept.
   * Without validation images, drop `restoreBestAt` and set `selectBy: 'last'`.
   */
  inq?: { readonly epochsPerStep: number; readonly learningRate?: number };
}

/**
 * The training recipe `qfcn train` uses by default, fitted to a set of training images.
 *
 * When to use: to train a segmenter on your own labelled tiles (H&E nuclei or glands) without
 * choosing a dozen settings; spread the result into `trainFcn` options or `trainEnsemble`'s
 * `train`, then override what you like.
 *
 * Details (measured on MoNuSeg in the fcn README):
 * - a step budget (default 2000) of batch 4 × 128² crops, Adam at 2e-3 after 100 warm-up steps,
 *   cosine decay to 1e-5;
 * - loss: object BCE + soft Dice, contour BCE with contour pixels weighted 3;
 * - contour band 1 px where objects are small (median equivalent diameter < 40 px, e.g. nuclei at
 *   40×), else 2 px (glands);
 * - `HE_AUGMENTATION` of `@qfcn/data` (flips, 90° rotations, HED stain jitter, scale, elastic, blur,
 *   noise);
 * - `cropsPerImage` so that one epoch is about 100 steps, validation every `validateEverySteps`
 *   (in whole epochs) and best-validation-AJI selection when validation images are given to the
 *   trainer.
 * `samples` are the training images (their labels set the contour band). No samples or settings
 * that are not positive throw {@link InvalidArgumentError}.
 *
 * @example
 * const { train, validation } = splitValidation(samples, { seed: 1 });
 * const ensemble = await trainEnsemble(train, { members: 1, bootstrap: false, train: { ...recommendedTraining(train), validation } });
 */
export function recommendedTraining(
  samples: readonly Sample[],
  options: RecommendedTrainingOptions = {},
): MemberTrainOptions {
  const steps = options.steps ?? 2000;
  const learningRate = options.learningRate ?? 2e-3;
  const crop = options.crop ?? 128;
  const batchSize = options.batchSize ?? 4;
  const validateEverySteps = options.validateEverySteps ?? 200;
  for (const [name, v] of Object.entries({
    steps,
    crop,
    batchSize,
    validateEverySteps,
    ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
  })) {
    if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError(name, `must be a positive integer, got ${v}`);
  }
  if (!(learningRate > 0)) throw new InvalidArgumentError('learningRate', `must be positive, got ${learningRate}`);
  if (samples.length === 0)
    throw new InvalidArgumentError('samples', 'empty dataset: at least one labelled sample is needed');
  const byEpochs = options.epochs !== undefined;
  const cropsPerImage = byEpochs ? 1 : Math.max(1, Math.round((100 * batchSize) / samples.length));
  const stepsPerEpoch = Math.ceil((samples.length * cropsPerImage) / batchSize);
  const diameter = medianObjectDiameter(samples);
  const inq = options.inq;
  if (inq && (!Number.isInteger(inq.epochsPerStep) || inq.epochsPerStep < 1)) {
    throw new InvalidArgumentError('inq.epochsPerStep', `must be a positive integer, got ${inq.epochsPerStep}`);
  }
  const inqLearningRate = inq?.learningRate ?? learningRate / 10;
  if (!(inqLearningRate > 0))
    throw new InvalidArgumentError('inq.learningRate', `must be positive, got ${inq?.learningRate}`);
  const floatEpochs = options.epochs ?? Math.ceil(steps / stepsPerEpoch);
  const floatSteps = byEpochs ? floatEpochs * stepsPerEpoch : steps;
  return {
    ...(inq ? { epochs: floatEpochs + 4 * inq.epochsPerStep } : byEpochs ? { epochs: floatEpochs } : { steps }),
    crop,
    batchSize,
    cropsPerImage,
    learningRate,
    schedule: {
      warmupSteps: Math.min(100, Math.floor(floatSteps / 10)),
      decay: 'cosine',
      minLearningRate: 1e-5,
      ...(inq ? { decaySteps: floatEpochs * stepsPerEpoch, afterDecayLearningRate: inqLearningRate } : {}),
    },
    objectDiceWeight: 1,
    contourThickness: diameter < 40 ? 1 : 2,
    contourPositiveWeight: 3,
    augment: HE_AUGMENTATION,
    validateEvery: Math.max(1, Math.round(validateEverySteps / stepsPerEpoch)),
    selectBy: 'aji',
    ...(inq ? { restoreBestAt: floatEpochs } : {}),
  };
}

/** Median over all objects of all label maps of the equivalent diameter `2·sqrt(area/π)`; Infinity without objects. */
function medianObjectDiameter(samples: readonly Sample[]): number {
  const areas: number[] = [];
  for (const s of samples) {
    const label = s.label as LabelMap | undefined;
    if (!label) continue;
    const counts = new Map<number, number>();
    for (const v of label.data) if (v !== 0) counts.set(v, (counts.get(v) ?? 0) + 1);
    areas.push(...counts.values());
  }
  if (areas.length === 0) return Infinity;
  areas.sort((a, b) => a - b);
  return 2 * Math.sqrt(areas[Math.floor(areas.length / 2)]! / Math.PI);
}
