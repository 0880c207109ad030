import * as tf from '@tensorflow/tfjs';
import { availableParallelism } from 'node:os';
import * as backend from '@qfcn/backend';
import type { ProgressListener, Sample, TrainingHook } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import type { MemberResult } from './ensembleWorker';
import { FcnEnsemble } from './FcnEnsemble';
import { FcnModel } from './FcnModel';
import { ensembleTasks } from './internal/ensembleTasks';
import { runMemberTask, type MemberTask } from './internal/memberTask';
import type { TileOptions } from './internal/predictTiled';
import type { FcnOptions } from './resolveFcnConfig';
import { tuneInstances, type TuneInstancesOptions } from './tuneInstances';
import type { EpochLog, FcnWeight, TrainFcnOptions } from './trainFcn';

/** Training options shared by all members (seed, hooks, checkpoints and progress are per member). */
export type MemberTrainOptions = Omit<TrainFcnOptions, 'seed' | 'hooks' | 'checkpoint' | 'resume' | 'signal' | 'onProgress'>;

/** Options of {@link trainEnsemble}. */
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
   * augmentation (`tta` of the tile options), which is kept when it scores a higher validation AJI.
   * Default true; false keeps the defaults, an object sets the candidate values.
   */
  tune?: boolean | TuneInstancesOptions;
  /**
   * Folder for per-member checkpoints and finished members: a rerun with the same options loads the
   * finished members, resumes the interrupted one and trains the rest.
   */
  checkpointDir?: string;
  /** Progress: the trainer's events with stage `member i/m: train` (sequential), `ensemble` per finished member (parallel). */
  onProgress?: ProgressListener;
  /** Stops before the next step (sequential) or before starting (parallel). */
  signal?: AbortSignal;
}

type RunInWorkers = <Task, Result>(
  workerModule: string | URL,
  tasks: readonly Task[],
  options: { workers?: number; workerData?: unknown; onProgress?: ProgressListener },
) => Promise<Result[]>;

/** `runInWorkers` of `@qfcn/backend` (looked up at run time: its index did not export it when this was written). */
function runInWorkers(): RunInWorkers {
  const fn = (backend as unknown as { runInWorkers?: RunInWorkers }).runInWorkers;
  if (typeof fn !== 'function') {
    throw new InvalidArgumentError('parallel', 'this @qfcn/backend does not export runInWorkers; train sequentially');
  }
  return fn;
}

/**
 * Trains an ensemble of FCNs, each on a seeded bootstrap resample of the samples (SPEC §3, [Xu18]).
 *
 * When to use: the ensemble that scores unlabelled images in suggestive annotation (uncertainty =
 * disagreement of members), or a stronger segmenter than one FCN ("five parallel FCNs beat one").
 * With INQ hooks per member this is QSA's quantized ensemble.
 *
 * Details: member `i` gets seeds derived from `(seed, i)` for its weights, its resample
 * ({@link bootstrapSample}) and its crops, so each member is reproducible on its own, independent
 * of `members`, and members differ. Sequentially, members train one after another in this thread;
 * with `parallel`, in worker threads (one member per core, each worker's wasm on one thread,
 * where sequential training spreads one member's convolutions over the cores) — each worker initialises the backend this thread uses, and the members are
 * bit-identical to sequential ones on a deterministic backend. Returns an {@link FcnEnsemble}: mean
 * probabilities plus per-member outputs. Empty sample lists, `members < 1`, or a `hooks` function
 * together with `parallel` throw {@link InvalidArgumentError}; training errors are those of
 * {@link trainFcn} (in workers, wrapped in `WorkerTaskError`).
 *
 * @example
 * const ensemble = await trainEnsemble(samples, { members: 5, seed: 1, parallel: true, model: { preset: 'tiny' }, train: { epochs: 30, crop: 96 } });
 * const mean = await ensemble.predict(image);
 */
export async function trainEnsemble(samples: readonly Sample[], options: TrainEnsembleOptions = {}): Promise<FcnEnsemble> {
  const tasks: MemberTask[] = ensembleTasks(samples, options);
  const size = tasks.length;
  if (options.parallel && options.hooks) {
    throw new InvalidArgumentError('hooks', 'functions cannot cross to worker threads: use hooksModule with parallel');
  }
  options.signal?.throwIfAborted();

  if (options.parallel) {
    const p = options.parallel === true ? {} : options.parallel;
    const workerModule = p.workerModule ?? new URL('./ensembleWorker.js', import.meta.url);
    const results = await runInWorkers()<MemberTask, MemberResult>(workerModule, tasks, {
      workers: p.workers ?? Math.min(size, availableParallelism()),
      workerData: { backend: tf.getBackend(), samples },
      onProgress: options.onProgress
        ? (e) => options.onProgress?.({ stage: 'ensemble', current: e.current, total: e.total, message: e.message })
        : undefined,
    });
    const members: FcnModel[] = [];
    for (const r of results) members.push(new FcnModel(await tf.loadLayersModel(tf.io.fromMemory(r.artifacts)), options.tile));
    return tuned(new FcnEnsemble(members, results.map((r) => r.history)), options);
  }

  const members: FcnModel[] = [];
  const histories: EpochLog[][] = [];
  try {
    for (const task of tasks) {
      options.signal?.throwIfAborted();
      const { model, history } = await runMemberTask(samples, task, {
        ...(options.hooks ? { hooks: options.hooks } : {}),
        signal: options.signal,
        onProgress: options.onProgress
          ? (e) => options.onProgress?.({ ...e, stage: `member ${task.member + 1}/${size}: ${e.stage}` })
          : undefined,
      });
      members.push(new FcnModel(model, options.tile));
      histories.push(history);
    }
  } catch (e) {
    for (const m of members) m.dispose();
    throw e;
  }
  return tuned(new FcnEnsemble(members, histories), options);
}

/** The ensemble with post-processing fitted on the validation images, when there are any and `tune` allows. */
async function tuned(ensemble: FcnEnsemble, options: TrainEnsembleOptions): Promise<FcnEnsemble> {
  const validation = options.train?.validation ?? [];
  if (validation.length === 0 || options.tune === false) return ensemble;
  const base = { ...options.train?.instances };
  const grid = typeof options.tune === 'object' ? options.tune : {};
  const fit = async (candidate: FcnEnsemble) => {
    const pairs = [];
    for (const s of validation) pairs.push({ output: await candidate.predict(s.image), groundTruth: s.label as NonNullable<Sample['label']> });
    return tuneInstances(pairs, { ...grid, base });
  };
  const plain = await fit(ensemble);
  if (ensemble.members[0].tileOptions.tta !== undefined) return new FcnEnsemble(ensemble.members, ensemble.histories, plain.options);
  const flipped = new FcnEnsemble(
    ensemble.members.map((m) => new FcnModel(m.model, { ...m.tileOptions, tta: true })),
    ensemble.histories,
  );
  const withTta = await fit(flipped);
  return withTta.aji > plain.aji
    ? new FcnEnsemble(flipped.members, ensemble.histories, withTta.options)
    : new FcnEnsemble(ensemble.members, ensemble.histories, plain.options);
}
