import type { JobFailure } from './errors';

/** A job being trained: which, on which worker, how far. */
export interface RunningJob {
  readonly id: string;
  readonly title: string;
  readonly worker?: string;
  /** Fraction done (0..1) as the worker last reported it. */
  readonly fraction?: number;
}

/** Where a set of jobs stands: what `qfcn queue status` and a waiting submitter print. */
export interface QueueSnapshot {
  readonly total: number;
  readonly queued: number;
  readonly running: readonly RunningJob[];
  readonly done: number;
  readonly failed: readonly JobFailure[];
  /** Seconds until all are done at the pace so far; absent until there is a pace to go by. */
  readonly etaSeconds?: number;
  /** Set while Redis cannot be reached: since when, and the client's (redacted) message. */
  readonly redisDown?: { readonly since: number; readonly message: string };
}

/** The job's progress as reported by a qfcn worker: `{ fraction }` (anything else reads as unknown). */
export function progressFraction(progress: unknown): number | undefined {
  const f = (progress as { fraction?: unknown } | null)?.fraction;
  return typeof f === 'number' && Number.isFinite(f) ? Math.min(1, Math.max(0, f)) : undefined;
}
