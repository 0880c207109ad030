import { describeErrorClasses, type ErrorClassCase, lookalike, NOT_OBJECTS } from '@qfcn/internal/testing';
import { describe, expect, it } from 'vitest';
import { CorruptFileError, DataError, hasErrorMarker, InvalidArgumentError, QfcnError } from './errors';

class SubInvalidArgumentError extends InvalidArgumentError {}
class SubDataError extends DataError {}
class SubCorruptFileError extends CorruptFileError {}

const cases: readonly ErrorClassCase[] = [
  {
    name: 'InvalidArgumentError',
    cls: InvalidArgumentError,
    code: 'INVALID_ARGUMENT',
    make: () => new InvalidArgumentError('x', 'y'),
    makeSubclass: () => new SubInvalidArgumentError('x', 'y'),
  },
  {
    name: 'DataError',
    cls: DataError,
    code: 'DATA_ERROR',
    make: () => new DataError('cannot decode', { path: 'a.png' }),
    makeSubclass: () => new SubDataError('cannot decode'),
  },
  {
    name: 'CorruptFileError',
    cls: CorruptFileError,
    code: 'CORRUPT_FILE',
    make: () => new CorruptFileError('truncated', { path: 'model.qfcn' }),
    makeSubclass: () => new SubCorruptFileError('truncated'),
  },
];

describe('QfcnError.isInstance', () => {
  it('is true for a QfcnError and for every contract error class and subclass', () => {
    expect(QfcnError.isInstance(new QfcnError('SOME_CODE', 'message'))).toBe(true);
    for (const c of cases) {
      expect(QfcnError.isInstance(c.make()), c.name).toBe(true);
      expect(QfcnError.isInstance(c.makeSubclass()), `subclass of ${c.name}`).toBe(true);
    }
  });

  it("is true for an object from another package copy that carries Symbol.for('qfcn.error')", () => {
    const foreign = Object.assign(new Error('from another copy'), { [Symbol.for('qfcn.error')]: true, code: 'X' });
    expect(QfcnError.isInstance(foreign)).toBe(true);
  });

  it('is false for a plain Error, null, undefined, strings and other primitives', () => {
    expect(QfcnError.isInstance(new Error('plain'))).toBe(false);
    expect(QfcnError.isInstance(new TypeError('plain'))).toBe(false);
    for (const value of NOT_OBJECTS) expect(QfcnError.isInstance(value), String(value)).toBe(false);
  });

  it('is false for a plain object that copies the message and code of a qfcn error', () => {
    expect(QfcnError.isInstance(lookalike(new QfcnError('SOME_CODE', 'message')))).toBe(false);
    for (const c of cases) expect(QfcnError.isInstance(lookalike(c.make())), c.name).toBe(false);
  });

  it('QfcnError has a non-empty string code', () => {
    expect(new QfcnError('SOME_CODE', 'message').code).toBe('SOME_CODE');
  });
});

describe('InvalidArgumentError', () => {
  it("names the argument; code 'INVALID_ARGUMENT' unless a narrower one is given (quantize's BITS_OUT_OF_RANGE)", () => {
    const plain = new InvalidArgumentError('bits', 'expected 2..8, got 9');
    expect(plain.message).toBe("Invalid argument 'bits': expected 2..8, got 9");
    expect(plain.argument).toBe('bits');
    expect(plain.code).toBe('INVALID_ARGUMENT');
    const cause = new Error('inner');
    const narrow = new InvalidArgumentError('bits', 'expected 2..8, got 9', { code: 'BITS_OUT_OF_RANGE', cause });
    expect(narrow.code).toBe('BITS_OUT_OF_RANGE');
    expect(narrow.cause).toBe(cause);
    expect(InvalidArgumentError.isInstance(narrow)).toBe(true);
  });
});

describeErrorClasses({
  cases,
  markerOf: (name) => `qfcn.error.${name}`,
  base: (code) => new QfcnError(code, 'same code, base class'),
  foreign: [],
});

describe('hasErrorMarker', () => {
  const marker = Symbol.for('qfcn.test.marker');

  it('is true for an object whose marker property is true, own or inherited', () => {
    expect(hasErrorMarker({ [marker]: true }, marker)).toBe(true);
    expect(hasErrorMarker(Object.create({ [marker]: true }), marker)).toBe(true);
  });

  it('is false for a function even when it carries the marker (only objects are errors)', () => {
    expect(
      hasErrorMarker(
        Object.assign(() => undefined, { [marker]: true }),
        marker,
      ),
    ).toBe(false);
  });

  it('is false when the marker is absent, not exactly true, or another symbol', () => {
    expect(hasErrorMarker({}, marker)).toBe(false);
    expect(hasErrorMarker({ [marker]: 'true' }, marker)).toBe(false);
    expect(hasErrorMarker({ [marker]: 1 }, marker)).toBe(false);
    expect(hasErrorMarker({ [Symbol('qfcn.test.marker')]: true }, marker)).toBe(false);
    expect(hasErrorMarker({ 'qfcn.test.marker': true }, marker)).toBe(false);
  });

  it('is false for null, undefined, strings and other primitives, without throwing', () => {
    for (const value of NOT_OBJECTS) expect(hasErrorMarker(value, marker), String(value)).toBe(false);
  });
});
