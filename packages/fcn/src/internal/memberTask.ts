import type * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample, TrainingHook } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { createFcn } from '../createFcn';
import { loadModel } from '../loadModel';
import type { FcnOptions } from '../resolveFcnConfig';
import { saveModel } from '../saveModel';
import { trainFcn, type EpochLog, type FcnWeight, type TrainFcnOptions } from '../trainFcn';
import { writeFileAtomic } from './atomic';
import { describeSettings, differingKeys } from './fingerprint';

/** Everything needed to train one ensemble member; structured-clonable (it crosses to workers). */
export interface MemberTask {
  readonly member: number;
  readonly members: number;
  /** Indices into the sample list (a bootstrap resample, or all). */
  readonly indices: readonly number[];
  /** Architecture, with the member's init seed. */
  readonly model: FcnOptions;
  /** Training options without functions, with the member's training seed. */
  readonly train: Omit<TrainFcnOptions, 'hooks' | 'checkpoint' | 'resume' | 'signal' | 'onProgress'>;
  readonly checkpointDir?: string;
  /** Module exporting `createHooks(member)`; loaded where the member trains. */
  readonly hooksModule?: string;
}

export type HookFactory = (
  member: number,
) => readonly TrainingHook<FcnWeight>[] | Promise<readonly TrainingHook<FcnWeight>[]>;

/** Imports `createHooks` (named or default export) from a hooks module URL. */
export async function importHookFactory(url: string): Promise<HookFactory> {
  const mod = (await import(url)) as { createHooks?: unknown; default?: unknown };
  const factory =
    typeof mod.createHooks === 'function' ? mod.createHooks : typeof mod.default === 'function' ? mod.default : null;
  if (!factory) throw new InvalidArgumentError('hooksModule', `${url} exports no createHooks(member) function`);
  return factory as HookFactory;
}

/**
 * Trains (or, with `checkpointDir`, loads a finished / resumes an interrupted) ensemble member.
 * The same function runs in the main thread and in workers, so both give the same member.
 */
export async function runMemberTask(
  samples: readonly Sample[],
  task: MemberTask,
  extra: { hooks?: HookFactory; signal?: AbortSignal; onProgress?: TrainFcnOptions['onProgress'] } = {},
): Promise<{ model: tf.LayersModel; history: EpochLog[] }> {
  const dir = task.checkpointDir ? join(task.checkpointDir, `member-${task.member}`) : undefined;
  const doneFile = task.checkpointDir ? join(task.checkpointDir, `member-${task.member}.done.json`) : undefined;
  const factory = extra.hooks ?? (task.hooksModule ? await importHookFactory(task.hooksModule) : undefined);
  const hooks = factory ? await factory(task.member) : [];
  // everything that defines the member: a finished member is reused only when all of it matches
  const settings = describeSettings({
    model: task.model,
    train: task.train,
    samples: task.indices.map((i) => samples[i]!),
    hooks: hooks.map((h) => h.name),
  }) as Record<string, unknown>;
  if (dir && doneFile && existsSync(doneFile)) {
    const done = JSON.parse(readFileSync(doneFile, 'utf8')) as {
      history: EpochLog[];
      hookStates?: unknown[];
      settings?: Record<string, unknown>;
    };
    const differing = differingKeys(done.settings ?? {}, settings);
    if (differing.length > 0) {
      const detail = differing.flatMap((k) =>
        k === 'train' || k === 'model'
          ? differingKeys(
              (done.settings?.[k] ?? {}) as Record<string, unknown>,
              settings[k] as Record<string, unknown>,
            ).map((f) => `${k}.${f}`)
          : [k],
      );
      throw new InvalidArgumentError(
        'checkpointDir',
        `${task.checkpointDir} holds member ${task.member} finished with other settings (${detail.join(', ')}); ` +
          'delete that folder or train into another one',
      );
    }
    const model = await loadModel(dir);
    // The caller's hooks of a finished member get their final state back (e.g. an INQ hook its
    // quantization, so that its weights can be bit-packed after a resumed run).
    if (factory && done.hookStates) {
      const weights = new Map(model.trainableWeights.map((w) => [w.originalName, w.read() as tf.Variable]));
      const ctx = { weights, epoch: done.history.length, step: 0 };
      for (const [i, h] of hooks.entries()) {
        h.restoreState?.(done.hookStates[i]);
        await h.onTrainEnd?.(ctx);
        (h as { dispose?: () => void }).dispose?.();
      }
    }
    return { model, history: done.history };
  }
  const model = createFcn(task.model);
  try {
    const result = await trainFcn(
      model,
      task.indices.map((i) => samples[i]!),
      {
        ...task.train,
        hooks,
        signal: extra.signal,
        onProgress: extra.onProgress,
        ...(task.checkpointDir
          ? { checkpoint: { path: join(task.checkpointDir, `member-${task.member}.ckpt`) }, resume: true }
          : {}),
      },
    );
    const hookStates = hooks.map((h) => h.saveState?.() ?? null);
    for (const h of hooks) (h as { dispose?: () => void }).dispose?.();
    if (dir && doneFile) {
      await saveModel(model, dir);
      writeFileAtomic(doneFile, JSON.stringify({ member: task.member, history: result.history, hookStates, settings }));
    }
    return { model, history: [...result.history] };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
