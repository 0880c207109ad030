// The options of trainEnsemble, in their own module so that its helpers (internal/ensembleTasks)
// can name them without an import cycle.
import type { ProgressListener, TrainingHook } from '@qfcn/contract';
import type { TileOptions } from './internal/predictTiled';
import type { FcnOptions } from './resolveFcnConfig';
import type { FcnWeight, TrainFcnOptions } from './trainFcn';
import type { TuneInstancesOptions } from './tuneInstances';

/** Training options shared by all members (seed, hooks, checkpoints and progress are per member). */
export type MemberTrainOptions = Omit<
  TrainFcnOptions,
  'seed' | 'hooks' | 'checkpoint' | 'resume' | 'signal' | 'onProgress'
>;

/** Options of `trainEnsemble`. */
export interface TrainEnsembleOptions {
  /** Number of members m. Default 5 ([Xu18]). */
  members?: number;
  /** Train each member on a bootstrap resample (default true); false: every member on all samples. */
  bootstrap?: boolean;
  /** Seed of everything: member weights, resamples, crops. Default 0. */
  seed?: number;
  /** Architecture of every member (its `seed` is derived per member). Default `{ preset: 'small' }`. */
  model?: Omit<FcnOptions, 'seed'>;
  /** Training options of every member (must be plain data when `parallel`). */
  train?: MemberTrainOptions;
  /** Fresh hooks for member `i`, e.g. `() => [inqHook({ bits: 7, epochsPerStep: 2 })]` (sequential runs only). */
  hooks?: (member: number) => readonly TrainingHook<FcnWeight>[];
  /**
   * URL or absolute path of an ES module exporting `createHooks(member)` (or a default function):
   * hooks that also work in worker threads. Used when `hooks` is not given.
   */
  hooksModule?: string | URL;
  /**
   * Train members in parallel `worker_threads` via `runInWorkers` of `@qfcn/backend`: `true` (one
   * worker per core, at most m) or `{ workers, workerModule }`. Needs the built package (workers run
   * `dist/ensembleWorker.js`; `workerModule` overrides its location). Same members as sequential.
   */
  parallel?: boolean | { workers?: number; workerModule?: string | URL };
  /** Tiling of the ensemble's predictions. */
  tile?: TileOptions;
  /**
   * With `train.validation`: after training, choose the post-processing of `toInstances` on the
   * ensemble's mean predictions of the validation images ({@link tuneInstances}, best mean AJI) and
   * keep it in the ensemble's `instances` (saved with it). The same is done with flip test-time
   * augmentation (`tta` of the tile options), which is kept when it scores a higher validation AJI,
   * and then with colour matching (see `colorMatch`). Default true; false keeps the defaults, an
   * object sets the candidate values.
   */
  tune?: boolean | TuneInstancesOptions;
  /**
   * With tuning: also try inputs matched to the mean CIELAB statistics of the training samples
   * (`colorTarget` of the tile options; `matchColorStatistics` of `@qfcn/data`) and keep it when it
   * scores a higher validation AJI — for tiles stained unlike the training ones (on MoNuSeg it raised
   * the validation AJI on 5 of 8 cross-validation models). Default true; false never tries it.
   */
  colorMatch?: boolean;
  /**
   * The images the post-processing is tuned on: `'validation'` (default) or `'all'` — the validation
   * images and the training samples together. Test-time augmentation is still decided on the
   * validation images alone; `'all'` then re-tunes the post-processing of the kept predictions on every
   * labelled image, so thresholds fitted to one or two validation images do not carry their noise.
   */
  tuneOn?: 'validation' | 'all';
  /**
   * Folder for per-member checkpoints and finished members: a rerun with the same options loads the
   * finished members, resumes the interrupted one and trains the rest.
   */
  checkpointDir?: string;
  /**
   * Progress: the trainer's events with stage `member i/m: train` (sequential), `ensemble` per
   * finished member (parallel), and `tune` once post-processing is fitted on the validation images
   * (`values.validationAji`: the best mean AJI there; `values.tta`: 1 when test-time flips won;
   * `values.colorMatch`: 1 when colour matching won).
   */
  onProgress?: ProgressListener;
  /** Stops before the next step (sequential) or before starting (parallel). */
  signal?: AbortSignal;
}
