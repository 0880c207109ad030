import { InvalidArgumentError } from '@qfcn/contract';
import { runReproduceCellJob, type ReproduceCellJobData } from './reproduceJobs';
import { runTrainMemberJob, type TrainMemberJobData } from './trainJobs';

/** The parts of a BullMQ (sandboxed) job that a qfcn job uses. */
export interface QueueJobLike {
  readonly name: string;
  readonly data: unknown;
  updateProgress(progress: { fraction: number }): Promise<void> | void;
}

/**
 * Runs one queue job by its kind (`train-member`, `reproduce-cell`), with the store at `store`, reporting progress at
 * most every 2 s. Unknown kinds are refused: a job names work this code knows, never code.
 */
export async function runJob(job: QueueJobLike, store: string): Promise<unknown> {
  let last = 0;
  const onFraction = (fraction: number) => {
    const now = Date.now();
    if (now - last < 2000 && fraction < 1) return;
    last = now;
    void Promise.resolve(job.updateProgress({ fraction })).catch(() => undefined);
  };
  switch (job.name) {
    case 'train-member':
      return runTrainMemberJob(job.data as TrainMemberJobData, store, onFraction);
    case 'reproduce-cell':
      return runReproduceCellJob(job.data as ReproduceCellJobData, store, onFraction);
    default:
      throw new InvalidArgumentError('job', `unknown job kind '${job.name}' (a worker of another qfcn version?)`);
  }
}
