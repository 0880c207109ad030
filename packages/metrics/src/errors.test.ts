import { InvalidArgumentError as ContractInvalidArgumentError, QfcnError } from '@qfcn/contract';
import { BitsOutOfRangeError, QuantizeError } from '@qfcn/quantize';
import { describeErrorClasses, type ErrorClassCase, lookalike, NOT_OBJECTS } from '@qfcn/internal/testing';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, LabelValueError, MetricsError, ShapeError, SizeMismatchError } from './errors';

class SubShapeError extends ShapeError {}
class SubSizeMismatchError extends SizeMismatchError {}
class SubLabelValueError extends LabelValueError {}

const a = { width: 1, height: 2 };
const b = { width: 3, height: 4 };
const cases: readonly ErrorClassCase[] = [
  {
    name: 'ShapeError',
    cls: ShapeError,
    code: 'WRONG_SHAPE',
    make: () => new ShapeError('mask', 'bad'),
    makeSubclass: () => new SubShapeError('mask', 'bad'),
  },
  {
    name: 'SizeMismatchError',
    cls: SizeMismatchError,
    code: 'SIZE_MISMATCH',
    make: () => new SizeMismatchError('a and b', a, b),
    makeSubclass: () => new SubSizeMismatchError('a and b', a, b),
  },
  {
    name: 'LabelValueError',
    cls: LabelValueError,
    code: 'INVALID_LABELS',
    make: () => new LabelValueError('mask', 3, 'bad'),
    makeSubclass: () => new SubLabelValueError('mask', 3, 'bad'),
  },
];

/** Errors of other qfcn packages and the family's own classes (none of them label-map errors). */
const foreignErrors: readonly Error[] = [
  new QfcnError('SIZE_MISMATCH', 'a bare QfcnError with a metrics code'),
  new ContractInvalidArgumentError('fnRule', 'bad'),
  new QuantizeError('INVALID_ARGUMENT', 'a bare QuantizeError'),
  new BitsOutOfRangeError(9, 2, 8, 'q'),
];

describe('errors', () => {
  it('errors carry codes, names and the qfcn marker', () => {
    for (const { make, code, name } of cases) {
      const e = make();
      expect(e.code).toBe(code);
      expect(e.name).toBe(name);
      expect(e).toBeInstanceOf(Error);
      expect(MetricsError.isInstance(e)).toBe(true);
      expect(e).toBeInstanceOf(QfcnError);
      expect((e as unknown as Record<symbol, unknown>)[Symbol.for('qfcn.error')]).toBe(true);
    }
  });

  it("InvalidArgumentError is the family's class of @qfcn/contract, re-exported (not a MetricsError)", () => {
    expect(InvalidArgumentError).toBe(ContractInvalidArgumentError);
    expect(MetricsError.isInstance(new InvalidArgumentError('fnRule', 'bad'))).toBe(false);
  });

  it('SizeMismatchError reports both sizes as width x height', () => {
    const e = new SizeMismatchError('seg and gt', { width: 775, height: 522 }, { width: 522, height: 775 });
    expect(e.message).toBe('seg and gt: sizes differ, 775x522 vs 522x775 (width x height)');
    expect(e.first).toEqual({ width: 775, height: 522 });
  });
});

describe('MetricsError.isInstance', () => {
  it('is true for a MetricsError and for every metrics error class and subclass', () => {
    expect(MetricsError.isInstance(new MetricsError('X', 'base'))).toBe(true);
    for (const c of cases) {
      expect(MetricsError.isInstance(c.make()), c.name).toBe(true);
      expect(MetricsError.isInstance(c.makeSubclass()), `subclass of ${c.name}`).toBe(true);
    }
  });

  it("is true for an object from another copy of @qfcn/metrics that carries Symbol.for('qfcn.error.metrics')", () => {
    expect(
      MetricsError.isInstance({
        [Symbol.for('qfcn.error')]: true,
        [Symbol.for('qfcn.error.metrics')]: true,
        code: 'X',
      }),
    ).toBe(true);
  });

  it("is false for the family's own classes, other packages' errors and objects with only Symbol.for('qfcn.error')", () => {
    for (const e of foreignErrors) expect(MetricsError.isInstance(e), `${e.constructor.name}`).toBe(false);
    expect(MetricsError.isInstance({ [Symbol.for('qfcn.error')]: true, code: 'X' })).toBe(false);
  });

  it('is false for a plain Error, null, undefined, strings and other primitives', () => {
    expect(MetricsError.isInstance(new Error('x'))).toBe(false);
    for (const value of NOT_OBJECTS) expect(MetricsError.isInstance(value), String(value)).toBe(false);
  });

  it('is false for a plain object that copies the message and code of a metrics error', () => {
    for (const c of cases) expect(MetricsError.isInstance(lookalike(c.make())), c.name).toBe(false);
  });

  it('MetricsError has a non-empty string code', () => {
    expect(new MetricsError('SOME_CODE', 'base').code).toBe('SOME_CODE');
  });
});

describe('QfcnError.isInstance of @qfcn/contract', () => {
  it('is true for every metrics error class and subclass (shared qfcn.error marker)', () => {
    expect(QfcnError.isInstance(new MetricsError('X', 'base'))).toBe(true);
    for (const c of cases) {
      expect(QfcnError.isInstance(c.make()), c.name).toBe(true);
      expect(QfcnError.isInstance(c.makeSubclass()), `subclass of ${c.name}`).toBe(true);
    }
  });
});

describeErrorClasses({
  cases,
  markerOf: (name) => `qfcn.error.metrics.${name}`,
  base: (code) => new MetricsError(code, 'same code, base class'),
  foreign: foreignErrors,
});
