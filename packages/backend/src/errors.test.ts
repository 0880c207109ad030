import { DataError, InvalidArgumentError, QfcnError } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import {
  BackendUnavailableError,
  MissingGradientError,
  MissingKernelError,
  UnsupportedKernelCaseError,
  WorkerTaskError,
} from './errors';

/** Values that are not errors at all: every isInstance must say false, never throw. */
const NOT_OBJECTS: readonly unknown[] = [
  null,
  undefined,
  '',
  'MISSING_KERNEL',
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

class SubMissingKernelError extends MissingKernelError {}
class SubMissingGradientError extends MissingGradientError {}
class SubUnsupportedKernelCaseError extends UnsupportedKernelCaseError {}
class SubBackendUnavailableError extends BackendUnavailableError {}
class SubWorkerTaskError extends WorkerTaskError {}

interface Case {
  readonly name: string;
  readonly cls: { isInstance(error: unknown): boolean; new (...args: never[]): QfcnError };
  readonly code: string;
  readonly make: () => QfcnError;
  readonly makeSubclass: () => QfcnError;
}

const cases: readonly Case[] = [
  {
    name: 'MissingKernelError',
    cls: MissingKernelError,
    code: 'MISSING_KERNEL',
    make: () => new MissingKernelError('wasm', ['Conv2DBackpropFilter']),
    makeSubclass: () => new SubMissingKernelError('wasm', ['Conv2DBackpropFilter']),
  },
  {
    name: 'MissingGradientError',
    cls: MissingGradientError,
    code: 'MISSING_GRADIENT',
    make: () => new MissingGradientError(['Conv2D']),
    makeSubclass: () => new SubMissingGradientError(['Conv2D']),
  },
  {
    name: 'UnsupportedKernelCaseError',
    cls: UnsupportedKernelCaseError,
    code: 'UNSUPPORTED_KERNEL_CASE',
    make: () => new UnsupportedKernelCaseError('Conv2D', 'NCHW data format'),
    makeSubclass: () => new SubUnsupportedKernelCaseError('Conv2D', 'NCHW data format'),
  },
  {
    name: 'BackendUnavailableError',
    cls: BackendUnavailableError,
    code: 'BACKEND_UNAVAILABLE',
    make: () => new BackendUnavailableError('webgpu', 'not registered'),
    makeSubclass: () => new SubBackendUnavailableError('webgpu', 'not registered'),
  },
  {
    name: 'WorkerTaskError',
    cls: WorkerTaskError,
    code: 'WORKER_TASK_FAILED',
    make: () => new WorkerTaskError(3, 'boom'),
    makeSubclass: () => new SubWorkerTaskError(3, 'boom'),
  },
];

/** Errors of other classes of the family, from @qfcn/contract. */
const contractErrors: readonly QfcnError[] = [
  new QfcnError('MISSING_KERNEL', 'a bare QfcnError with a backend code'),
  new InvalidArgumentError('x', 'y'),
  new DataError('cannot decode'),
];

describe('backend errors', () => {
  it('MissingKernelError.isInstance(new InvalidArgumentError(...)) is false (every class used to accept every qfcn error)', () => {
    expect(MissingKernelError.isInstance(new InvalidArgumentError('x', 'y'))).toBe(false);
  });

  it('QfcnError.isInstance is true for every backend error class and subclass', () => {
    for (const c of cases) {
      expect(QfcnError.isInstance(c.make()), c.name).toBe(true);
      expect(QfcnError.isInstance(c.makeSubclass()), `subclass of ${c.name}`).toBe(true);
    }
  });

  it('InvalidArgumentError.isInstance of @qfcn/contract is false for every backend error', () => {
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

  it('is false for every sibling backend error class', () => {
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

  it('agrees with instanceof for every backend and contract error (one package copy)', () => {
    for (const e of [...cases.flatMap((c) => [c.make(), c.makeSubclass()]), ...contractErrors]) {
      expect(cls.isInstance(e), `${name}.isInstance(${e.constructor.name})`).toBe(e instanceof cls);
    }
  });

  it(`${name} has the non-empty string code '${code}'`, () => {
    const e = make();
    expect(typeof e.code).toBe('string');
    expect(e.code).toBe(code);
    expect(e.name).toBe(name);
    expect(e).toBeInstanceOf(Error);
  });
});
