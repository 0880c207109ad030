/** Job data: plain options and paths only (never code), with a title for people. */
export interface JobData {
  readonly title: string;
}

/** One unit of work for the queue. */
export interface JobSpec<D extends JobData = JobData> {
  /** Content address of the work ({@link contentKey}): equal work, equal id, so adding it twice is a no-op. */
  readonly id: string;
  /** What the worker runs, e.g. `train-member` (the BullMQ job name). */
  readonly kind: string;
  readonly data: D;
}
