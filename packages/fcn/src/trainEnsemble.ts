import * as tf from '@tensorflow/tfjs';
import { availableParallelism } from 'node:os';
import * as backend from '@qfcn/backend';
import type { ProgressListener, Sample } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import type { MemberResult } from './ensembleWorker';
import { FcnEnsemble } from './FcnEnsemble';
import { FcnModel } from './FcnModel';
import { ensembleTasks } from './internal/ensembleTasks';
import { runMemberTask, type MemberTask } from './internal/memberTask';
import { tuneEnsemble } from './tuneEnsemble';
import type { TrainEnsembleOptions } from './trainEnsembleOptions';
import type { EpochLog } from './trainFcn';

export type { MemberTrainOptions, TrainEnsembleOptions } from './trainEnsembleOptions';

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
 * Trains an ensemble of FCNs, each on a seeded bootstrap resample of the samples (docs/algorithms.md §3, [Xu18]).
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
export async function trainEnsemble(
  samples: readonly Sample[],
  options: TrainEnsembleOptions = {},
): Promise<FcnEnsemble> {
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
    for (const r of results)
      members.push(new FcnModel(await tf.loadLayersModel(tf.io.fromMemory(r.artifacts)), options.tile));
    return tuned(
      new FcnEnsemble(
        members,
        results.map((r) => r.history),
      ),
      samples,
      options,
    );
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
  return tuned(new FcnEnsemble(members, histories), samples, options);
}

/**
 * The ensemble with post-processing fitted on the validation images (or, with `tuneOn: 'all'`, on
 * the validation images and the training samples), when there are validation images and `tune` allows.
 */
async function tuned(
  ensemble: FcnEnsemble,
  samples: readonly Sample[],
  options: TrainEnsembleOptions,
): Promise<FcnEnsemble> {
  const validation = options.train?.validation ?? [];
  if (validation.length === 0 || options.tune === false) return ensemble;
  return tuneEnsemble(ensemble, {
    validation,
    samples,
    ...(options.train?.instances ? { instances: options.train.instances } : {}),
    ...(typeof options.tune === 'object' ? { grid: options.tune } : {}),
    ...(options.colorMatch === undefined ? {} : { colorMatch: options.colorMatch }),
    ...(options.tuneOn === undefined ? {} : { tuneOn: options.tuneOn }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}
