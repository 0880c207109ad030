import { describe, expect, it } from 'vitest';
import { CorruptFileError, DataError, hasErrorMarker, InvalidArgumentError, QfcnError } from './errors';

/** Values that are not errors at all: every isInstance must say false, never throw. */
const NOT_OBJECTS: readonly unknown[] = [
  null,
  undefined,
  '',
  'INVALID_ARGUMENT',
  'qfcn.error',
  0,
  1,
  true,
  Symbol.for('qfcn.error'),
];

/**
 * A plain object that copies the string-keyed fields of `error` (name, message, code, argument, path,
 * stack) but none of its symbol-keyed markers, e.g. an error serialised to JSON and parsed back.
 */
function lookalike(error: QfcnError): Record<string, unknown> {
  return {
    ...JSON.parse(JSON.stringify(error)),
    name: error.name,
    message: error.message,
    code: error.code,
    stack: error.stack,
  };
}

class SubInvalidArgumentError extends InvalidArgumentError {}
class SubDataError extends DataError {}
class SubCorruptFileError extends CorruptFileError {}

interface Case {
  readonly name: string;
  readonly cls: { isInstance(error: unknown): boolean; new (...args: never[]): QfcnError };
  readonly marker: string;
  readonly code: string;
  readonly make: () => QfcnError;
  readonly makeSubclass: () => QfcnError;
}

const cases: readonly Case[] = [
  {
    name: 'InvalidArgumentError',
    cls: InvalidArgumentError,
    marker: 'qfcn.error.InvalidArgumentError',
    code: 'INVALID_ARGUMENT',
    make: () => new InvalidArgumentError('x', 'y'),
    makeSubclass: () => new SubInvalidArgumentError('x', 'y'),
  },
  {
    name: 'DataError',
    cls: DataError,
    marker: 'qfcn.error.DataError',
    code: 'DATA_ERROR',
    make: () => new DataError('cannot decode', { path: 'a.png' }),
    makeSubclass: () => new SubDataError('cannot decode'),
  },
  {
    name: 'CorruptFileError',
    cls: CorruptFileError,
    marker: 'qfcn.error.CorruptFileError',
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

describe.each(cases.map((c) => [c.name, c] as const))(
  '%s.isInstance',
  (name, { cls, marker, code, make, makeSubclass }) => {
    it(`is true for an instance of ${name}`, () => {
      expect(cls.isInstance(make())).toBe(true);
    });

    it(`is true for an instance of a subclass of ${name}`, () => {
      expect(cls.isInstance(makeSubclass())).toBe(true);
    });

    it(`is true for an object from another package copy that carries Symbol.for('${marker}')`, () => {
      expect(cls.isInstance(Object.assign(new Error('from another copy'), { [Symbol.for(marker)]: true }))).toBe(true);
    });

    it('is false for every sibling contract error class and for a bare QfcnError', () => {
      for (const other of cases.filter((c) => c.name !== name)) {
        expect(cls.isInstance(other.make()), other.name).toBe(false);
        expect(cls.isInstance(other.makeSubclass()), `subclass of ${other.name}`).toBe(false);
      }
      expect(cls.isInstance(new QfcnError(code, 'same code, base class'))).toBe(false);
    });

    it('is false for a plain Error, null, undefined, strings and other primitives', () => {
      expect(cls.isInstance(new Error('plain'))).toBe(false);
      for (const value of NOT_OBJECTS) expect(cls.isInstance(value), String(value)).toBe(false);
    });

    it(`is false for a plain object that copies the message and code of an instance of ${name}`, () => {
      expect(cls.isInstance(lookalike(make()))).toBe(false);
    });

    it(`agrees with instanceof for every contract error (one package copy)`, () => {
      for (const e of cases.flatMap((c) => [c.make(), c.makeSubclass()])) {
        expect(cls.isInstance(e), `${name}.isInstance(${e.constructor.name})`).toBe(e instanceof cls);
      }
    });

    it(`${name} has the non-empty string code '${code}' and the family marker`, () => {
      const e = make();
      expect(typeof e.code).toBe('string');
      expect(e.code).toBe(code);
      expect(e.name).toBe(name);
      expect(e).toBeInstanceOf(Error);
      expect(hasErrorMarker(e, Symbol.for('qfcn.error'))).toBe(true);
      expect(hasErrorMarker(e, Symbol.for(marker))).toBe(true);
    });
  },
);

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
