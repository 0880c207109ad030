import { InvalidArgumentError, QfcnError } from '@qfcn/contract';
import { describeErrorClasses, type ErrorClassCase } from '@qfcn/internal/testing';
import { describe, expect, it } from 'vitest';
import { JobFailedError, QueueError } from './errors';

const failure = { id: 'job-1', title: 'train fold 1', attempts: 3, reason: 'out of memory', worker: 'gpu-2' };

class SubQueueError extends QueueError {}
class SubJobFailedError extends JobFailedError {}

const cases: readonly ErrorClassCase[] = [
  {
    name: 'QueueError',
    cls: QueueError,
    code: 'QUEUE_ERROR',
    make: () => new QueueError('cannot reach redis://localhost:6379'),
    makeSubclass: () => new SubQueueError('cannot reach redis://localhost:6379'),
  },
  {
    name: 'JobFailedError',
    cls: JobFailedError,
    code: 'JOB_FAILED',
    make: () => new JobFailedError([failure]),
    makeSubclass: () => new SubJobFailedError([failure]),
  },
];

const contractErrors: readonly QfcnError[] = [
  new QfcnError('QUEUE_ERROR', 'a bare QfcnError with a queue code'),
  new InvalidArgumentError('x', 'y'),
];

describe('queue errors', () => {
  it('QfcnError.isInstance is true for every queue error class and subclass', () => {
    for (const c of cases) {
      expect(QfcnError.isInstance(c.make()), c.name).toBe(true);
      expect(QfcnError.isInstance(c.makeSubclass()), `subclass of ${c.name}`).toBe(true);
    }
  });

  it('InvalidArgumentError.isInstance of @qfcn/contract is false for every queue error', () => {
    for (const c of cases) expect(InvalidArgumentError.isInstance(c.make()), c.name).toBe(false);
  });
});

describeErrorClasses({
  cases,
  markerOf: (name) => `qfcn.error.${name}`,
  base: (code) => new QfcnError(code, 'same code, base class'),
  foreign: contractErrors,
});
