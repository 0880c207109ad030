import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressListener, Sample, TrainingHook } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { bootstrapSample } from './bootstrapSample';
import { FcnEnsemble } from './FcnEnsemble';
import { FcnModel } from './FcnModel';
import { writeFileAtomic } from './internal/atomic';
import { memberSeeds } from './internal/memberSeeds';
import type { TileOptions } from './internal/predictTiled';
import type { FcnOptions } from './resolveFcnConfig';
import { saveModel } from './saveModel';
import { trainFcn, type EpochLog, type FcnWeight, type TrainFcnOptions } from './trainFcn';

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
  /** Training options of every member. */
  train?: MemberTrainOptions;
  /** Fresh hooks for member `i` (e.g. `() => [inqHook({ bits: 7, epochsPerStep: 2 })]` for QSA). */
  hooks?: (member: number) => readonly TrainingHook<FcnWeight>[];
  /** Tiling of the ensemble's predictions. */
  tile?: TileOptions;
  /**
   * Folder for per-member checkpoints and finished members: a rerun with the same options loads the
   * finished members, resumes the interrupted one and trains the rest.
   */
  checkpointDir?: string;
  /** Progress of member training: stage `member i/m`, plus the trainer's values. */
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

/**
 * Trains an ensemble of FCNs, each on a seeded bootstrap resample of the samples (SPEC §3, [Xu18]).
 *
 * When to use: the ensemble that scores unlabelled images in suggestive annotation (uncertainty =
 * disagreement of members), or a stronger segmenter than one FCN ("five parallel FCNs beat one").
 * With INQ hooks per member this is QSA's quantized ensemble.
 *
 * Details: member `i` gets seeds derived from `(seed, i)` for its weights, its resample
 * ({@link bootstrapSample}) and its crops, so each member is reproducible on its own and members
 * differ. Members train one after another in this thread (wasm runs one thread; independent
 * processes per member are the way to use more cores). Returns an {@link FcnEnsemble}: mean
 * probabilities plus per-member outputs. Empty sample lists and `members < 1` throw
 * {@link InvalidArgumentError}; training errors are those of {@link trainFcn}.
 *
 * @example
 * const ensemble = await trainEnsemble(samples, { members: 5, seed: 1, model: { preset: 'tiny' }, train: { epochs: 30, crop: 96 } });
 * const mean = await ensemble.predict(image);
 */
export async function trainEnsemble(samples: readonly Sample[], options: TrainEnsembleOptions = {}): Promise<FcnEnsemble> {
  const size = options.members ?? 5;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(size) || size < 1) throw new InvalidArgumentError('members', `must be a positive integer, got ${size}`);
  if (!Number.isInteger(seed)) throw new InvalidArgumentError('seed', `must be an integer, got ${seed}`);
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new InvalidArgumentError('samples', 'empty dataset: at least one labelled sample is needed');
  }
  const members: FcnModel[] = [];
  const histories: EpochLog[][] = [];
  try {
    for (let i = 0; i < size; i++) {
      options.signal?.throwIfAborted();
      const seeds = memberSeeds(seed, i);
      const dir = options.checkpointDir ? join(options.checkpointDir, `member-${i}`) : undefined;
      const doneFile = options.checkpointDir ? join(options.checkpointDir, `member-${i}.done.json`) : undefined;
      if (dir && doneFile && existsSync(doneFile)) {
        members.push(await FcnModel.load(dir, options.tile));
        histories.push(JSON.parse(readFileSync(doneFile, 'utf8')).history as EpochLog[]);
        continue;
      }
      const resample = options.bootstrap === false ? [...samples] : bootstrapSample(samples, seeds.resample);
      const member = FcnModel.create({ preset: 'small', ...options.model, seed: seeds.init }, options.tile);
      members.push(member);
      const hooks = options.hooks?.(i) ?? [];
      const result = await trainFcn(member.model, resample, {
        ...options.train,
        seed: seeds.train,
        hooks,
        signal: options.signal,
        ...(options.checkpointDir
          ? { checkpoint: { path: join(options.checkpointDir, `member-${i}.ckpt`) }, resume: true }
          : {}),
        onProgress: options.onProgress
          ? (e) => options.onProgress?.({ ...e, stage: `member ${i + 1}/${size}: ${e.stage}` })
          : undefined,
      });
      for (const h of hooks) (h as { dispose?: () => void }).dispose?.();
      histories.push([...result.history]);
      if (dir && doneFile) {
        await saveModel(member.model, dir);
        writeFileAtomic(doneFile, JSON.stringify({ member: i, history: result.history }));
      }
    }
  } catch (e) {
    for (const m of members) m.dispose();
    throw e;
  }
  return new FcnEnsemble(members, histories);
}
