import type { Job, Queue } from 'bullmq';
import { JobFailedError, type JobFailure } from './errors';
import type { JobData, JobSpec } from './jobSpec';
import { closeQuietly, openQueue } from './openQueue';
import type { QueueConnection } from './parseQueueUrl';
import { redactUrl } from './redactUrl';
import { progressFraction, type QueueSnapshot, type RunningJob } from './snapshot';

/** Options of {@link submitJobs}. */
export interface SubmitJobsOptions<D extends JobData = JobData> {
  /** Runs of a job before it counts as failed (errors thrown by the job; retried with backoff). Default 3. */
  readonly attempts?: number;
  /**
   * True when the job's result is already in the store: such jobs are not enqueued, and a job that
   * Redis lost (a restart without persistence) is enqueued again only when this is false.
   */
  readonly isDone?: (job: JobSpec<D>) => boolean;
  /** Called after every poll with where the jobs stand. */
  readonly onStatus?: (snapshot: QueueSnapshot) => void;
  /** Milliseconds between polls. Default 1000. */
  readonly pollMs?: number;
  /** Milliseconds the first contact with Redis may take. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Stops waiting (the jobs stay queued; a rerun picks them up). */
  readonly signal?: AbortSignal;
}

const keepFor = { age: 7 * 24 * 3600 };

function failureOf(spec: JobSpec<JobData>, job: Job): JobFailure {
  return {
    id: spec.id,
    title: spec.data.title,
    attempts: job.attemptsMade,
    reason: redactUrl(job.failedReason || 'no reason recorded'),
    ...(job.processedBy ? { worker: job.processedBy } : {}),
  };
}

async function enqueue<D extends JobData>(
  queue: Queue,
  spec: JobSpec<D>,
  attempts: number,
  isDone: SubmitJobsOptions<D>['isDone'],
): Promise<void> {
  const existing = await queue.getJob(spec.id);
  if (existing) {
    const state = await existing.getState();
    // failed in an earlier run: removed and added again, so it starts with a fresh set of attempts
    // (retrying it in place kept a stale attempt count under load: it failed after one run)
    if (state !== 'failed') {
      if (state !== 'completed' || !isDone || isDone(spec)) return;
      // completed once, but its result is gone from the store: run it again
    }
    await existing.remove();
  }
  await queue.add(spec.kind, spec.data, {
    jobId: spec.id,
    attempts,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: keepFor,
    removeOnFail: keepFor,
  });
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Enqueues independent jobs on the qfcn queue and waits until every one is done.
 *
 * When to use: a command that splits its work into independent trainings (ensemble members, grid
 * cells) for `qfcn worker` processes on any machine that reaches the same Redis and the same store.
 *
 * Details: job ids are content addresses, so a job already queued, running or finished (also by
 * another submitter) is not added twice; a job that failed in an earlier run is retried, and one
 * whose result `isDone` finds in the store is skipped. Each job gets `attempts` runs with
 * exponential backoff; a worker that dies mid-job loses its lock and the job goes back to the
 * queue (see `startWorker`). Polls Redis every `pollMs` and reports a {@link QueueSnapshot} (queued,
 * running on which worker, done, ETA from the pace so far). While Redis is unreachable it keeps
 * waiting and says so; a job Redis lost in a restart is enqueued again. Resolves when all are done;
 * throws `JobFailedError` (each failed job with its reason) as soon as one has used up its attempts,
 * `QueueError` when Redis cannot be reached at first, or the signal's reason when aborted.
 *
 * @example
 * await submitJobs(parseQueueUrl('redis://localhost:6379'), [{ id, kind: 'train-member', data: { title: 'member 1/3', ... } }], { onStatus: (s) => console.error(formatQueueStatus(s)) });
 */
export async function submitJobs<D extends JobData>(
  connection: QueueConnection,
  jobs: readonly JobSpec<D>[],
  options: SubmitJobsOptions<D> = {},
): Promise<void> {
  const attempts = options.attempts ?? 3;
  const pollMs = options.pollMs ?? 1000;
  const pending = new Map(jobs.filter((j) => !options.isDone?.(j)).map((j) => [j.id, j]));
  const doneBefore = jobs.length - pending.size;
  if (pending.size === 0) {
    options.onStatus?.({ total: jobs.length, queued: 0, running: [], done: jobs.length, failed: [] });
    return;
  }
  const queue = await openQueue(connection, options.connectTimeoutMs);
  try {
    for (const spec of pending.values()) await enqueue(queue, spec, attempts, options.isDone);
    const started = Date.now();
    let redisDown: QueueSnapshot['redisDown'];
    let last: Omit<QueueSnapshot, 'redisDown'> = {
      total: jobs.length,
      queued: pending.size,
      running: [],
      done: doneBefore,
      failed: [],
    };
    while (pending.size > 0) {
      options.signal?.throwIfAborted();
      try {
        let queued = 0;
        const running: RunningJob[] = [];
        const failed: JobFailure[] = [];
        for (const [id, spec] of [...pending]) {
          const job = await queue.getJob(id);
          if (!job) {
            if (options.isDone?.(spec)) pending.delete(id);
            else {
              await enqueue(queue, spec, attempts, options.isDone);
              queued++;
            }
            continue;
          }
          const state = await job.getState();
          if (state === 'completed') pending.delete(id);
          else if (state === 'failed') {
            // the snapshot above was read before the state: a retry may have failed in between, so
            // the attempt count and reason are read again now that the job is known to have failed
            failed.push(failureOf(spec, (await queue.getJob(id)) ?? job));
          } else if (state === 'active') {
            const fraction = progressFraction(job.progress);
            running.push({
              id,
              title: spec.data.title,
              ...(job.processedBy ? { worker: job.processedBy } : {}),
              ...(fraction === undefined ? {} : { fraction }),
            });
          } else queued++;
        }
        const done = jobs.length - pending.size;
        const progressed = done - doneBefore + running.reduce((a, r) => a + (r.fraction ?? 0), 0);
        const left = jobs.length - doneBefore - progressed;
        const elapsed = (Date.now() - started) / 1000;
        last = {
          total: jobs.length,
          queued,
          running,
          done,
          failed,
          ...(progressed > 0 ? { etaSeconds: (elapsed * left) / progressed } : {}),
        };
        redisDown = undefined;
      } catch (e) {
        redisDown ??= { since: Date.now(), message: redactUrl((e as Error).message) };
      }
      options.onStatus?.({ ...last, ...(redisDown ? { redisDown } : {}) });
      if (last.failed.length > 0) throw new JobFailedError(last.failed);
      if (pending.size > 0) await sleep(pollMs, options.signal);
    }
  } finally {
    await closeQuietly(queue);
  }
}
