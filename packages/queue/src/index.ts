/**
 * @qfcn/queue — independent trainings as BullMQ jobs on Redis: queue URLs with masked passwords,
 * content-addressed job ids, enqueue-and-wait with progress and bounded attempts, sandboxed workers
 * with lock renewal, and the queue's status.
 */
export { QUEUE_NAME } from './constants';
export { QueueError, JobFailedError, type JobFailure } from './errors';
export { parseQueueUrl, type QueueConnection } from './parseQueueUrl';
export { redactUrl } from './redactUrl';
export { contentKey } from './contentKey';
export type { JobSpec, JobData } from './jobSpec';
export { submitJobs, type SubmitJobsOptions } from './submitJobs';
export { startWorker, type StartWorkerOptions, type QueueWorker } from './startWorker';
export { queueStatus } from './queueStatus';
export { formatQueueStatus } from './formatQueueStatus';
export { formatDuration } from './formatDuration';
export type { QueueSnapshot, RunningJob } from './snapshot';
