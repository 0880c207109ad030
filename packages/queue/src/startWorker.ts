import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import { InvalidArgumentError } from '@qfcn/contract';
import { QUEUE_NAME } from './constants';
import { closeQuietly } from './openQueue';
import type { QueueConnection } from './parseQueueUrl';
import { redactUrl } from './redactUrl';
import { redisOptions } from './redisOptions';

/** Options of {@link startWorker}. */
export interface StartWorkerOptions {
  /** Path of the job module: its default export `(job) => Promise<result>` runs in a child process per job slot. */
  readonly processor: string;
  /** Jobs at a time (each in its own child process). Default 1. */
  readonly concurrency?: number;
  /**
   * Seconds of a job lock; the worker renews it every half of this while the job runs, so a job of
   * any length stays owned while its worker lives, and one whose worker died goes back to the queue
   * after about this long (the next stalled check of a live worker). Default 30.
   */
  readonly lockSeconds?: number;
  /** Times a job may lose its worker (killed, machine lost) before it counts as failed. Default 5. */
  readonly maxStalls?: number;
  /** Name shown as the job's worker. Default `<hostname>#<pid>`. */
  readonly name?: string;
  /** Environment of the job processes (added to this process's). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Events for people: job started, finished (with the `outcome` a job may return, e.g. `resumed`),
   * failed; Redis errors (redacted, at most one per 10 s).
   */
  readonly onEvent?: (line: string) => void;
}

/** A running worker. */
export interface QueueWorker {
  readonly name: string;
  /** Stops taking jobs and waits for the running ones to finish (`force`: abandons them to other workers). */
  close(force?: boolean): Promise<void>;
}

/**
 * Takes jobs from the qfcn queue and runs each in a sandboxed child process (BullMQ's sandboxed
 * processors), `concurrency` at a time.
 *
 * When to use: the body of `qfcn worker`; start one per machine (or per core with one thread each).
 *
 * Details: the parent process only talks to Redis and renews the locks of running jobs, so a child
 * busy for hours at full CPU never makes its job look stalled; the child gets `env` and the job's
 * data, and reports progress through the job. When a worker dies (SIGKILL, lost machine) its jobs'
 * locks lapse and another worker takes them after `lockSeconds`; a job that stalls more than
 * `maxStalls` times fails. Redis outages are ridden out (the client reconnects). Throws
 * {@link InvalidArgumentError} for a bad concurrency or lock duration.
 *
 * @example
 * const worker = startWorker(parseQueueUrl('redis://localhost:6379'), { processor: '/opt/qfcn/dist/queueProcessor.js', concurrency: 2 });
 * process.once('SIGTERM', () => worker.close());
 */
export function startWorker(connection: QueueConnection, options: StartWorkerOptions): QueueWorker {
  const concurrency = options.concurrency ?? 1;
  const lockSeconds = options.lockSeconds ?? 30;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidArgumentError('concurrency', `must be a positive integer, got ${concurrency}`);
  if (!(lockSeconds >= 1)) throw new InvalidArgumentError('lockSeconds', `must be at least 1, got ${lockSeconds}`);
  const name = options.name ?? `${hostname()}#${process.pid}`;
  const say = options.onEvent ?? (() => undefined);
  const worker = new Worker(QUEUE_NAME, options.processor, {
    connection: redisOptions(connection, true),
    concurrency,
    name,
    lockDuration: lockSeconds * 1000,
    stalledInterval: lockSeconds * 1000,
    maxStalledCount: options.maxStalls ?? 5,
    useWorkerThreads: false,
    workerForkOptions: { env: { ...process.env, ...options.env, QFCN_WORKER_NAME: name }, stdio: 'inherit' },
  });
  const title = (data: unknown) => String((data as { title?: unknown } | undefined)?.title ?? 'job');
  worker.on('active', (job) => say(`${name}: started ${title(job.data)} (attempt ${job.attemptsMade + 1})`));
  worker.on('completed', (job) => {
    const outcome = (job.returnvalue as { outcome?: unknown } | null)?.outcome;
    const how = typeof outcome === 'string' ? ` (${outcome})` : '';
    say(
      `${name}: finished ${title(job.data)} in ${((Date.now() - (job.processedOn ?? Date.now())) / 1000).toFixed(1)} s${how}`,
    );
  });
  worker.on('failed', (job, error) =>
    say(`${name}: ${title(job?.data)} failed (attempt ${job?.attemptsMade ?? '?'}): ${redactUrl(error.message)}`),
  );
  let lastError = 0;
  worker.on('error', (error) => {
    if (Date.now() - lastError < 10_000) return;
    lastError = Date.now();
    say(`${name}: Redis: ${redactUrl(error.message)} (retrying)`);
  });
  return {
    name,
    close: (force = false) => (force ? closeQuietly({ close: () => worker.close(true) }) : worker.close()),
  };
}
