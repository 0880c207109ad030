import type { Sample } from '@qfcn/contract';
import { recommendedTraining, splitValidation, type TrainEnsembleOptions } from '@qfcn/fcn';
import { inqHook, type InqHook } from '@qfcn/quantize/tfjs';
import { loadTrainingSamples } from '../commands/common';

/**
 * Everything that defines a `qfcn train` ensemble, as plain data: what a queue job carries (with
 * the data folder as a path), and what the command and a worker turn into the same training.
 */
export interface TrainJobOptions {
  readonly data: string;
  readonly dataset?: string;
  readonly preset: string;
  /** Decoder width instead of the preset's (`createFcn`'s `decoderChannels`). */
  readonly decoderChannels?: number;
  /** Width of the separating heads' own decoder (`createFcn`'s `contourDecoderChannels`; 0 or absent: shared). */
  readonly contourDecoderChannels?: number;
  /** The third, distance head (`createFcn`'s `distanceHead`). */
  readonly distanceHead?: boolean;
  /** HoVer-Net's hv head (`createFcn`'s `hvHead`). */
  readonly hvHead?: boolean;
  readonly members: number;
  readonly bootstrap: boolean;
  readonly bits?: number;
  /** With `bits`: the constant rate of INQ's re-training (`recommendedTraining`'s `inq.learningRate`). */
  readonly inqLearningRate?: number;
  /** Keep an exponential moving average of the weights with this decay (`trainFcn`'s `averageWeights`). */
  readonly averageDecay?: number;
  /** Contour-loss weight of the lines between touching objects (`trainFcn`'s `touchingWeight`). */
  readonly touchingWeight?: number;
  readonly steps: number;
  readonly epochs?: number;
  readonly epochsPerStep: number;
  readonly crop: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Share of the images held out for validation. */
  readonly validation: number;
  /** The images post-processing is tuned on (`trainEnsemble`'s `tuneOn`; its default when absent). */
  readonly tuneOn?: 'validation' | 'all';
  readonly seed: number;
}

/** A prepared `qfcn train` run: the split, the recipe, and trainEnsemble's options (hooks included). */
export interface TrainRun {
  readonly samples: readonly Sample[];
  readonly trainSamples: readonly Sample[];
  readonly validation: readonly Sample[];
  /** First INQ epoch (0 without `bits`). */
  readonly inqStart: number;
  /** trainEnsemble options without `checkpointDir` and `onProgress`. */
  readonly ensemble: TrainEnsembleOptions & { train: NonNullable<TrainEnsembleOptions['train']> };
  /** INQ hook of member i once created (to bit-pack its weights after training). */
  readonly hooks: InqHook[];
}

/**
 * Loads the data of a `qfcn train` run and derives its training: the seeded validation split, the
 * recommended recipe, and INQ hooks made from `bits` (plain options, so a worker on another machine
 * makes the same hooks). The command and the queue workers both call this, so they train the same.
 */
export async function prepareTrainRun(o: TrainJobOptions): Promise<TrainRun> {
  const samples = await loadTrainingSamples(o.data, o.dataset);
  const { train: trainSamples, validation } = splitValidation(samples, { fraction: o.validation, seed: o.seed });
  const recipe = recommendedTraining(trainSamples, {
    steps: o.steps,
    ...(o.epochs === undefined ? {} : { epochs: o.epochs }),
    crop: o.crop,
    batchSize: o.batchSize,
    learningRate: o.learningRate,
    ...(o.bits === undefined
      ? {}
      : {
          inq: {
            epochsPerStep: o.epochsPerStep,
            ...(o.inqLearningRate === undefined ? {} : { learningRate: o.inqLearningRate }),
          },
        }),
  });
  // without validation images nothing can be selected: the last weights are kept
  const { restoreBestAt, ...unselected } = recipe;
  const train = {
    ...(validation.length > 0 ? { ...recipe, validation } : { ...unselected, selectBy: 'last' as const }),
    ...(o.averageDecay === undefined ? {} : { averageWeights: { decay: o.averageDecay } }),
    ...(o.touchingWeight === undefined ? {} : { touchingWeight: o.touchingWeight }),
  };
  const bits = o.bits;
  const inqStart = bits === undefined ? 0 : (train.epochs as number) - 4 * o.epochsPerStep;
  const hooks: InqHook[] = [];
  return {
    samples,
    trainSamples,
    validation,
    inqStart,
    hooks,
    ensemble: {
      members: o.members,
      bootstrap: o.bootstrap,
      seed: o.seed,
      model: {
        preset: o.preset,
        ...(o.decoderChannels === undefined ? {} : { decoderChannels: o.decoderChannels }),
        ...(o.contourDecoderChannels ? { contourDecoderChannels: o.contourDecoderChannels } : {}),
        ...(o.distanceHead ? { distanceHead: true } : {}),
        ...(o.hvHead ? { hvHead: true } : {}),
      },
      train,
      ...(o.tuneOn === undefined ? {} : { tuneOn: o.tuneOn }),
      ...(bits === undefined
        ? {}
        : {
            hooks: (i: number) => {
              const hook = inqHook({
                bits,
                epochsPerStep: o.epochsPerStep,
                startEpoch: inqStart,
                name: `inq-${bits}bit`,
              });
              hooks[i] = hook;
              return [hook];
            },
          }),
    },
  };
}
