import { DataError, InvalidArgumentError, QfcnError } from '@qfcn/contract';
import { describeErrorClasses, type ErrorClassCase } from '@qfcn/internal/testing';
import { describe, expect, it } from 'vitest';
import {
  BackendUnavailableError,
  MissingGradientError,
  MissingKernelError,
  UnsupportedKernelCaseError,
  WorkerTaskError,
} from './errors';

class SubMissingKernelError extends MissingKernelError {}
class SubMissingGradientError extends MissingGradientError {}
class SubUnsupportedKernelCaseError extends UnsupportedKernelCaseError {}
class SubBackendUnavailableError extends BackendUnavailableError {}
class SubWorkerTaskError extends WorkerTaskError {}

const cases: readonly ErrorClassCase[] = [
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

describeErrorClasses({
  cases,
  markerOf: (name) => `qfcn.error.${name}`,
  base: (code) => new QfcnError(code, 'same code, base class'),
  foreign: contractErrors,
});
