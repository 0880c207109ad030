import type { JobFailure } from './errors';
import { closeQuietly, openQueue } from './openQueue';
import type { QueueConnection } from './parseQueueUrl';
import { redactUrl } from './redactUrl';
import { progressFraction, type QueueSnapshot, type RunningJob } from './snapshot';

const titleOf = (data: unknown, id: string | undefined) =>
  String((data as { title?: unknown } | undefined)?.title ?? `job ${id}`);

/**
 * Where the whole qfcn queue stands: jobs queued, running (on which worker, how far), done and
 * failed (with reasons), and an ETA.
 *
 * When to use: `qfcn queue status`, or a dashboard of your own; a submitter reports the same shape
 * for its own jobs.
 *
 * Details: counts cover every job Redis still keeps (finished ones for 7 days). The ETA is the mean
 * run time of the last finished jobs times the work left (queued jobs, and the unfinished share of
 * running ones), divided by the jobs running now (at least 1); absent before any job finished. Lists
 * at most 100 running and 20 failed jobs. Throws `QueueError` when Redis cannot be reached.
 *
 * @example
 * console.log(formatQueueStatus(await queueStatus(parseQueueUrl('redis://localhost:6379'))));
 */
export async function queueStatus(connection: QueueConnection): Promise<QueueSnapshot> {
  const queue = await openQueue(connection);
  try {
    const counts = await queue.getJobCounts(
      'wait',
      'paused',
      'delayed',
      'prioritized',
      'waiting-children',
      'active',
      'completed',
      'failed',
    );
    const queued =
      (counts.wait ?? 0) +
      (counts.paused ?? 0) +
      (counts.delayed ?? 0) +
      (counts.prioritized ?? 0) +
      (counts['waiting-children'] ?? 0);
    const running: RunningJob[] = (await queue.getActive(0, 99)).map((job) => {
      const fraction = progressFraction(job.progress);
      return {
        id: String(job.id),
        title: titleOf(job.data, job.id),
        ...(job.processedBy ? { worker: job.processedBy } : {}),
        ...(fraction === undefined ? {} : { fraction }),
      };
    });
    const failed: JobFailure[] = (await queue.getFailed(0, 19)).map((job) => ({
      id: String(job.id),
      title: titleOf(job.data, job.id),
      attempts: job.attemptsMade,
      reason: redactUrl(job.failedReason || 'no reason recorded'),
      ...(job.processedBy ? { worker: job.processedBy } : {}),
    }));
    const durations = (await queue.getCompleted(0, 49))
      .filter((j) => j.finishedOn !== undefined && j.processedOn !== undefined)
      .map((j) => (j.finishedOn! - j.processedOn!) / 1000);
    const mean = durations.length > 0 ? durations.reduce((a, b) => a + b, 0) / durations.length : undefined;
    const work = queued + running.reduce((a, r) => a + (1 - (r.fraction ?? 0)), 0);
    return {
      total: queued + (counts.active ?? 0) + (counts.completed ?? 0) + (counts.failed ?? 0),
      queued,
      running,
      done: counts.completed ?? 0,
      failed,
      ...(mean === undefined ? {} : { etaSeconds: (mean * work) / Math.max(1, running.length) }),
    };
  } finally {
    await closeQuietly(queue);
  }
}
