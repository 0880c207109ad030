import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { ensembleTasks } from './internal/ensembleTasks';
import { runMemberTask } from './internal/memberTask';
import type { TrainEnsembleOptions } from './trainEnsemble';
import type { EpochLog } from './trainFcn';

/** What {@link trainEnsembleMember} did. */
export interface EnsembleMemberResult {
  readonly member: number;
  readonly history: readonly EpochLog[];
  /** `trained`: from scratch; `resumed`: from its checkpoint in `checkpointDir`; `finished`: found done. */
  readonly outcome: 'trained' | 'resumed' | 'finished';
}

/**
 * Trains member `member` of the ensemble that {@link trainEnsemble} would train with the same
 * samples and options, into `checkpointDir`, and nothing else.
 *
 * When to use: to spread an ensemble over processes or machines (one job per member, e.g. on a
 * queue); afterwards `trainEnsemble` with the same options and `checkpointDir` loads every finished
 * member instead of training it, and returns the ensemble it would have trained itself.
 *
 * Details: the member's seeds, resample and training are those of `trainEnsemble` (same function),
 * so the result is bit-identical on a deterministic backend. An interrupted member resumes from its
 * checkpoint in `checkpointDir`; a finished one is left as it is (with other settings: an error).
 * Hooks come from `hooks(member)` or `hooksModule`, as in `trainEnsemble`. `parallel` and `tile`
 * are ignored. Throws {@link InvalidArgumentError} without `checkpointDir`, or for a member outside
 * `0..members-1`; training errors are those of `trainFcn`.
 *
 * @example
 * await trainEnsembleMember(samples, { members: 3, seed: 1, checkpointDir: '/shared/run-1' }, 2);
 * const ensemble = await trainEnsemble(samples, { members: 3, seed: 1, checkpointDir: '/shared/run-1' }); // loads all 3
 */
export async function trainEnsembleMember(
  samples: readonly Sample[],
  options: TrainEnsembleOptions,
  member: number,
): Promise<EnsembleMemberResult> {
  const dir = options.checkpointDir;
  if (!dir)
    throw new InvalidArgumentError(
      'checkpointDir',
      'a member trained on its own needs a folder to leave its result in',
    );
  const tasks = ensembleTasks(samples, options);
  const task = tasks[member];
  if (!Number.isInteger(member) || !task)
    throw new InvalidArgumentError('member', `must be an integer in 0..${tasks.length - 1}, got ${member}`);
  const outcome = existsSync(join(dir, `member-${member}.done.json`))
    ? 'finished'
    : existsSync(join(dir, `member-${member}.ckpt`))
      ? 'resumed'
      : 'trained';
  const { model, history } = await runMemberTask(samples, task, {
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  model.dispose();
  return { member, history, outcome };
}
