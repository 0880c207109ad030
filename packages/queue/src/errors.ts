import { hasErrorMarker, QfcnError } from '@qfcn/contract';

const queueMarker = Symbol.for('qfcn.error.QueueError');

/** Redis could not be reached, or the queue refused an operation. Messages never hold credentials. */
export class QueueError extends QfcnError {
  protected readonly [queueMarker] = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super('QUEUE_ERROR', message, options);
    this.name = 'QueueError';
  }

  /** True for a `QueueError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is QueueError {
    return hasErrorMarker(error, queueMarker);
  }
}

/** One job that used up its attempts: what it was, how often it ran, and why it last failed. */
export interface JobFailure {
  readonly id: string;
  readonly title: string;
  readonly attempts: number;
  readonly reason: string;
  /** The worker that ran its last attempt, when known. */
  readonly worker?: string;
}

const jobFailedMarker = Symbol.for('qfcn.error.JobFailedError');

/** Jobs of a submitted run failed on every attempt; `failures` names each with its reason. */
export class JobFailedError extends QfcnError {
  protected readonly [jobFailedMarker] = true;
  readonly failures: readonly JobFailure[];
  constructor(failures: readonly JobFailure[]) {
    const lines = failures.map(
      (f) =>
        `  ${f.title} (job ${f.id}): failed ${f.attempts} time(s)${f.worker ? `, last on ${f.worker}` : ''}: ${f.reason}`,
    );
    super(
      'JOB_FAILED',
      `${failures.length} job(s) failed after all attempts:\n${lines.join('\n')}\n` +
        'finished jobs are kept in the store: fix the cause and run the same command again to resume',
    );
    this.name = 'JobFailedError';
    this.failures = failures;
  }

  /** True for a `JobFailedError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is JobFailedError {
    return hasErrorMarker(error, jobFailedMarker);
  }
}
