// Checkpoints of trainFcn: every weight, the Adam state, hook states, history, position and the
// best-validation weights in one atomic file; restored only under the same training settings.
import * as tf from '@tensorflow/tfjs';
import type { TrainingHook } from '@qfcn/contract';
import { CorruptFileError, InvalidArgumentError } from '@qfcn/contract';
import type { EpochLog } from '../trainFcnOptions';
import type { Adam } from '../Adam';
import { readCheckpointFile, writeCheckpointFile, type StoredArray } from './checkpointFile';
import { decodeState, encodeState } from './stateCodec';
import type { WeightAverage } from './weightAverage';
import type { Trainable } from './trainStep';

const CHECKPOINT_KIND = 'qfcn-train-checkpoint';

/** Where a run is: the epoch, the next batch of it, optimizer steps so far. */
export interface Position {
  epoch: number;
  /** Next batch of `epoch` to run; `stepsPerEpoch` means the epoch's end-of-epoch work is pending. */
  batch: number;
  step: number;
}

/** Copies of every model weight at the best validation so far. */
export interface BestWeights {
  epoch: number;
  aji: number;
  weights: Float32Array[] | null;
}

/** The running sums of the epoch in progress. */
export interface EpochStats {
  loss: number;
  objectLoss: number;
  contourLoss: number;
  /** Only for a network with a distance head. */
  distanceLoss?: number;
  /** Only for a network with an hv head. */
  hvLoss?: number;
  steps: number;
  seconds: number;
}

/** What a checkpoint saves and restores besides the run's progress. */
export interface TrainState {
  readonly model: tf.LayersModel;
  readonly adam: Adam;
  readonly hooks: readonly TrainingHook<tf.Variable>[];
  /** The settings that define the run; a checkpoint resumes only under equal ones. */
  readonly fingerprint: Record<string, unknown>;
  readonly trainable: readonly Trainable[];
  readonly best: BestWeights;
  /** The moving average of the weights (`averageWeights`), saved and restored with the run. */
  readonly average?: WeightAverage | undefined;
}

/** The run's progress at a checkpoint. */
export interface TrainProgress {
  readonly position: Position;
  readonly history: readonly EpochLog[];
  readonly epochStats: EpochStats;
}

/** Writes the checkpoint file at `path` (atomically). */
export async function writeCheckpoint(path: string, run: TrainState, progress: TrainProgress): Promise<void> {
  const { model, adam, hooks, fingerprint, trainable, best, average } = run;
  const { position, history, epochStats } = progress;
  const arrays: StoredArray[] = [];
  const averaged = average?.values() ?? null;
  if (averaged)
    model.weights.forEach((w, i) =>
      arrays.push({ name: `a:${w.originalName}`, shape: w.shape as number[], data: averaged[i]! }),
    );
  const bestWeights = best.weights;
  if (bestWeights)
    model.weights.forEach((w, i) =>
      arrays.push({ name: `b:${w.originalName}`, shape: w.shape as number[], data: bestWeights[i]! }),
    );
  for (const w of model.weights) {
    arrays.push({
      name: `w:${w.originalName}`,
      shape: w.shape as number[],
      data: (await w.read().data()) as Float32Array,
    });
  }
  const state = await adam.getState();
  trainable.forEach((t, i) => {
    arrays.push({ name: `m:${t.name}`, shape: t.variable.shape, data: state.m[i]! });
    arrays.push({ name: `v:${t.name}`, shape: t.variable.shape, data: state.v[i]! });
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
      ...(averaged ? { averaged: true } : {}),
    },
    arrays,
  );
}

/**
 * Restores the checkpoint at `path` into `state` (weights, Adam, hooks, best weights) and returns the
 * progress; throws InvalidArgumentError naming what differs when it was made with other settings.
 */
export function restoreCheckpoint(
  path: string,
  run: TrainState,
): { position: Position; history: EpochLog[]; epochStats: EpochStats } {
  const { model, adam, hooks, fingerprint, trainable, best, average } = run;
  const { header, arrays } = readCheckpointFile(path);
  if (header.kind !== CHECKPOINT_KIND)
    throw new CorruptFileError(`not a training checkpoint (kind ${String(header.kind)})`, { path });
  const saved = header.fingerprint as Record<string, unknown>;
  const differing = Object.keys(fingerprint).filter(
    (k) => JSON.stringify(saved?.[k]) !== JSON.stringify(fingerprint[k]),
  );
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
    for (const w of model.weights)
      w.write(tf.tensor(get(`w:${w.originalName}`, w.shape as number[]), w.shape as number[]));
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
  average?.restore(
    header.averaged === true ? model.weights.map((w) => get(`a:${w.originalName}`, w.shape as number[])) : null,
  );
  const hookStates = (header.hooks ?? {}) as Record<string, unknown>;
  for (const h of hooks) {
    if (!h.restoreState) continue;
    if (!(h.name in hookStates))
      throw new InvalidArgumentError('hooks', `checkpoint ${path} holds no state for hook '${h.name}'`);
    h.restoreState(decodeState(hookStates[h.name], arrays));
  }
  return {
    position: header.position as Position,
    history: decodeState(header.history, arrays) as EpochLog[],
    epochStats: header.epochStats as EpochStats,
  };
}
