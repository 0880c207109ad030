/**
 * The job module of `qfcn worker` (built to `dist/queueProcessor.js`): BullMQ runs its default
 * export in a child process of the worker for every job. The child initialises the backend once
 * (`QFCN_QUEUE_BACKEND`, `QFCN_QUEUE_THREADS`), reads the store from `QFCN_QUEUE_STORE`, runs the
 * job by its kind, and reports progress as `{ fraction }`. A job carries options and paths only.
 */
import { InvalidArgumentError } from '@qfcn/contract';
import { initCliBackend } from '../backend';
import { exitWithParent } from './exitWithParent';
import { runJob, type QueueJobLike } from './runJob';

// The worker process died (SIGKILL, lost machine): stop at once, so that only the worker that
// takes the job over writes the member's checkpoint; it resumes from the last one.
exitWithParent();

let backend: Promise<unknown> | undefined;

export default async function processJob(job: QueueJobLike): Promise<unknown> {
  const store = process.env.QFCN_QUEUE_STORE;
  if (!store)
    throw new InvalidArgumentError('QFCN_QUEUE_STORE', 'the worker sets the store folder for its job processes');
  const threads = process.env.QFCN_QUEUE_THREADS ? Number(process.env.QFCN_QUEUE_THREADS) : undefined;
  backend ??= initCliBackend(process.env.QFCN_QUEUE_BACKEND || 'auto', {
    log: false,
    ...(threads ? { wasmThreads: Math.min(threads, 8) } : {}),
  });
  await backend;
  return runJob(job, store);
}
