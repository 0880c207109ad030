import {
  CorruptFileError as ContractCorruptFileError,
  InvalidArgumentError as ContractInvalidArgumentError,
  QfcnError,
} from '@qfcn/contract';
import { MetricsError, ShapeError } from '@qfcn/metrics';
import { describeErrorClasses, type ErrorClassCase, lookalike, NOT_OBJECTS } from '@qfcn/internal/testing';
import { describe, expect, it } from 'vitest';
import {
  BitsOutOfRangeError,
  CorruptFileError,
  EmptyTensorError,
  InvalidArgumentError,
  InvalidScheduleError,
  NonFiniteValueError,
  NotOnLevelError,
  NothingToQuantizeError,
  QuantizeError,
} from './errors';

class SubBitsOutOfRangeError extends BitsOutOfRangeError {}
class SubNonFiniteValueError extends NonFiniteValueError {}
class SubEmptyTensorError extends EmptyTensorError {}
class SubInvalidScheduleError extends InvalidScheduleError {}
class SubNothingToQuantizeError extends NothingToQuantizeError {}
class SubNotOnLevelError extends NotOnLevelError {}

const cases: readonly ErrorClassCase[] = [
  {
    name: 'BitsOutOfRangeError',
    cls: BitsOutOfRangeError,
    code: 'BITS_OUT_OF_RANGE',
    make: () => new BitsOutOfRangeError(9, 2, 8, 'The power-of-two quantizer'),
    makeSubclass: () => new SubBitsOutOfRangeError(9, 2, 8, 'The power-of-two quantizer'),
  },
  {
    name: 'NonFiniteValueError',
    cls: NonFiniteValueError,
    code: 'NON_FINITE_VALUE',
    make: () => new NonFiniteValueError('values', 3, NaN),
    makeSubclass: () => new SubNonFiniteValueError('values', 3, NaN),
  },
  {
    name: 'EmptyTensorError',
    cls: EmptyTensorError,
    code: 'EMPTY_TENSOR',
    make: () => new EmptyTensorError('values'),
    makeSubclass: () => new SubEmptyTensorError('values'),
  },
  {
    name: 'InvalidScheduleError',
    cls: InvalidScheduleError,
    code: 'INVALID_SCHEDULE',
    make: () => new InvalidScheduleError([0.5, 0.9], 'must end at 1'),
    makeSubclass: () => new SubInvalidScheduleError([0.5, 0.9], 'must end at 1'),
  },
  {
    name: 'NothingToQuantizeError',
    cls: NothingToQuantizeError,
    code: 'NOTHING_TO_QUANTIZE',
    make: () => new NothingToQuantizeError(['dense/bias'], '/kernel$/'),
    makeSubclass: () => new SubNothingToQuantizeError(['dense/bias'], '/kernel$/'),
  },
  {
    name: 'NotOnLevelError',
    cls: NotOnLevelError,
    code: 'NOT_ON_LEVEL',
    make: () => new NotOnLevelError('w', 1, 0.2, 'power-of-two'),
    makeSubclass: () => new SubNotOnLevelError('w', 1, 0.2, 'power-of-two'),
  },
];

/** The quantize classes that extend InvalidArgumentError (so InvalidArgumentError.isInstance accepts them). */
const INVALID_ARGUMENT_SUBCLASSES = [
  'BitsOutOfRangeError',
  'NonFiniteValueError',
  'EmptyTensorError',
  'InvalidScheduleError',
  'NotOnLevelError',
];

/** Errors of other qfcn packages and the family's own classes (none of them quantization-specific). */
const foreignErrors: readonly Error[] = [
  new QfcnError('INVALID_ARGUMENT', 'a bare QfcnError with a quantize code'),
  new ContractInvalidArgumentError('x', 'bad'),
  new ContractInvalidArgumentError('bits', 'bad', { code: 'BITS_OUT_OF_RANGE' }),
  new ContractCorruptFileError('truncated', { path: 'a.qfcn' }),
  new MetricsError('INVALID_ARGUMENT', 'a bare MetricsError'),
  new ShapeError('x', 'bad'),
];

describe('errors', () => {
  it.each(cases.map(({ name, code, make }) => [name, code, make()] as const))(
    '%s has code %s, the qfcn family marker and the quantize package marker',
    (_, code, e) => {
      expect(e.code).toBe(code);
      expect(e).toBeInstanceOf(QfcnError);
      expect(QfcnError.isInstance(e)).toBe(true);
      expect(QuantizeError.isInstance(e)).toBe(true);
      expect((e as unknown as Record<symbol, unknown>)[Symbol.for('qfcn.error')]).toBe(true);
    },
  );

  it("InvalidArgumentError and CorruptFileError are the family's classes of @qfcn/contract, re-exported", () => {
    expect(InvalidArgumentError).toBe(ContractInvalidArgumentError);
    expect(CorruptFileError).toBe(ContractCorruptFileError);
  });

  it('messages name the problem', () => {
    expect(new BitsOutOfRangeError(9, 2, 8, 'The power-of-two quantizer').message).toBe(
      "Invalid argument 'bits': The power-of-two quantizer supports integer bit widths 2–8, got 9",
    );
    expect(new CorruptFileError('truncated', { path: 'a.qfcn' }).message).toBe('a.qfcn: truncated');
    expect(new NothingToQuantizeError(['dense/bias'], '/kernel$/').message).toContain('weights seen: dense/bias');
  });
});

describe('QuantizeError.isInstance', () => {
  it('is true for a QuantizeError and for every quantize error class and subclass', () => {
    expect(QuantizeError.isInstance(new QuantizeError('X', 'base'))).toBe(true);
    for (const c of cases) {
      expect(QuantizeError.isInstance(c.make()), c.name).toBe(true);
      expect(QuantizeError.isInstance(c.makeSubclass()), `subclass of ${c.name}`).toBe(true);
    }
  });

  it("is true for an error from another copy of @qfcn/quantize that carries Symbol.for('qfcn.error.quantize')", () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('qfcn.error')]: true,
      [Symbol.for('qfcn.error.quantize')]: true,
      code: 'X',
    });
    expect(QuantizeError.isInstance(foreign)).toBe(true);
  });

  it("is false for the family's own classes, other packages' errors and errors with only Symbol.for('qfcn.error')", () => {
    for (const e of foreignErrors) expect(QuantizeError.isInstance(e), `${e.constructor.name}`).toBe(false);
    const other = Object.assign(new Error('another qfcn package'), { [Symbol.for('qfcn.error')]: true, code: 'X' });
    expect(QuantizeError.isInstance(other)).toBe(false);
  });

  it('is false for a plain Error, null, undefined, strings and other primitives', () => {
    expect(QuantizeError.isInstance(new Error('plain'))).toBe(false);
    for (const value of NOT_OBJECTS) expect(QuantizeError.isInstance(value), String(value)).toBe(false);
  });

  it('is false for a plain object that copies the message and code of a quantize error', () => {
    for (const c of cases) expect(QuantizeError.isInstance(lookalike(c.make())), c.name).toBe(false);
  });

  it('QuantizeError has a non-empty string code', () => {
    expect(new QuantizeError('SOME_CODE', 'base').code).toBe('SOME_CODE');
  });
});

describe('QfcnError.isInstance of @qfcn/contract', () => {
  it('is true for every quantize error class and subclass (shared qfcn.error marker)', () => {
    expect(QfcnError.isInstance(new QuantizeError('X', 'base'))).toBe(true);
    for (const c of cases) {
      expect(QfcnError.isInstance(c.make()), c.name).toBe(true);
      expect(QfcnError.isInstance(c.makeSubclass()), `subclass of ${c.name}`).toBe(true);
    }
  });

  it('the quantization-specific argument errors are InvalidArgumentErrors of the family', () => {
    expect(ContractInvalidArgumentError.isInstance(new BitsOutOfRangeError(9, 2, 8, 'q'))).toBe(true);
    expect(new BitsOutOfRangeError(9, 2, 8, 'q')).toBeInstanceOf(ContractInvalidArgumentError);
  });
});

describe('InvalidArgumentError.isInstance (the family class, re-exported)', () => {
  it('is true for BitsOutOfRangeError, NonFiniteValueError, EmptyTensorError, InvalidScheduleError and NotOnLevelError (its subclasses)', () => {
    for (const c of cases.filter((c) => INVALID_ARGUMENT_SUBCLASSES.includes(c.name))) {
      expect(InvalidArgumentError.isInstance(c.make()), c.name).toBe(true);
      expect(InvalidArgumentError.isInstance(c.makeSubclass()), `subclass of ${c.name}`).toBe(true);
    }
  });

  it('is false for NothingToQuantizeError and CorruptFileError', () => {
    expect(InvalidArgumentError.isInstance(new NothingToQuantizeError([], '/kernel$/'))).toBe(false);
    expect(InvalidArgumentError.isInstance(new CorruptFileError('truncated'))).toBe(false);
  });
});

describeErrorClasses({
  cases,
  markerOf: (name) => `qfcn.error.quantize.${name}`,
  base: (code) => new QuantizeError(code, 'same code, base class'),
  foreign: foreignErrors,
});
