import { InvalidArgumentError, QfcnError } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { JobFailedError, QueueError } from './errors';

/** Values that are not errors at all: every isInstance must say false, never throw. */
const NOT_OBJECTS: readonly unknown[] = [
  null,
  undefined,
  '',
  'QUEUE_ERROR',
  'qfcn.error',
  0,
  1,
  true,
  Symbol.for('qfcn.error'),
];

/** A plain object with the string-keyed fields of `error` but none of its symbol-keyed markers (e.g. JSON round trip). */
function lookalike(error: QfcnError): Record<string, unknown> {
  return {
    ...JSON.parse(JSON.stringify(error)),
    name: error.name,
    message: error.message,
    code: error.code,
    stack: error.stack,
  };
}

const failure = { id: 'job-1', title: 'train fold 1', attempts: 3, reason: 'out of memory', worker: 'gpu-2' };

class SubQueueError extends QueueError {}
class SubJobFailedError extends JobFailedError {}

interface Case {
  readonly name: string;
  readonly cls: { isInstance(error: unknown): boolean; new (...args: never[]): QfcnError };
  readonly code: string;
  readonly make: () => QfcnError;
  readonly makeSubclass: () => QfcnError;
}

const cases: readonly Case[] = [
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

describe.each(cases.map((c) => [c.name, c] as const))('%s.isInstance', (name, { cls, code, make, makeSubclass }) => {
  it(`is true for an instance of ${name}`, () => {
    expect(cls.isInstance(make())).toBe(true);
  });

  it(`is true for an instance of a subclass of ${name}`, () => {
    expect(cls.isInstance(makeSubclass())).toBe(true);
  });

  it(`is true for an object from another package copy that carries Symbol.for('qfcn.error.${name}')`, () => {
    expect(
      cls.isInstance(Object.assign(new Error('from another copy'), { [Symbol.for(`qfcn.error.${name}`)]: true })),
    ).toBe(true);
  });

  it('is false for the sibling queue error class', () => {
    for (const other of cases.filter((c) => c.name !== name)) {
      expect(cls.isInstance(other.make()), other.name).toBe(false);
      expect(cls.isInstance(other.makeSubclass()), `subclass of ${other.name}`).toBe(false);
    }
  });

  it('is false for a bare QfcnError and for the errors of @qfcn/contract', () => {
    for (const e of contractErrors) expect(cls.isInstance(e), e.name).toBe(false);
  });

  it('is false for a plain Error, null, undefined, strings and other primitives', () => {
    expect(cls.isInstance(new Error('plain'))).toBe(false);
    for (const value of NOT_OBJECTS) expect(cls.isInstance(value), String(value)).toBe(false);
  });

  it(`is false for a plain object that copies the message and code of an instance of ${name}`, () => {
    expect(cls.isInstance(lookalike(make()))).toBe(false);
  });

  it(`${name} has the non-empty string code '${code}'`, () => {
    const e = make();
    expect(typeof e.code).toBe('string');
    expect(e.code).toBe(code);
    expect(e.name).toBe(name);
    expect(e).toBeInstanceOf(Error);
  });
});
