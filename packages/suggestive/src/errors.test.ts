import { CorruptFileError, InvalidArgumentError, QfcnError } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { RoundLogMismatchError } from './errors';

/** Values that are not errors at all: isInstance must say false, never throw. */
const NOT_OBJECTS: readonly unknown[] = [
  null,
  undefined,
  '',
  'LOG_MISMATCH',
  'qfcn.error',
  0,
  1,
  true,
  Symbol.for('qfcn.error'),
];

class SubRoundLogMismatchError extends RoundLogMismatchError {}

const make = () => new RoundLogMismatchError('rounds.jsonl', 'strategy', 'suggestive', 'random');

describe('RoundLogMismatchError.isInstance', () => {
  it('is true for an instance of RoundLogMismatchError', () => {
    expect(RoundLogMismatchError.isInstance(make())).toBe(true);
  });

  it('is true for an instance of a subclass of RoundLogMismatchError', () => {
    expect(RoundLogMismatchError.isInstance(new SubRoundLogMismatchError('rounds.jsonl', 'K', 4, 8))).toBe(true);
  });

  it("is true for an object from another package copy that carries Symbol.for('qfcn.error.RoundLogMismatchError')", () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('qfcn.error.RoundLogMismatchError')]: true,
    });
    expect(RoundLogMismatchError.isInstance(foreign)).toBe(true);
  });

  it('is false for a bare QfcnError with the same code and for the errors of @qfcn/contract', () => {
    expect(RoundLogMismatchError.isInstance(new QfcnError('LOG_MISMATCH', 'same code, base class'))).toBe(false);
    expect(RoundLogMismatchError.isInstance(new InvalidArgumentError('x', 'y'))).toBe(false);
    expect(RoundLogMismatchError.isInstance(new CorruptFileError('truncated log', { path: 'rounds.jsonl' }))).toBe(
      false,
    );
  });

  it('is false for a plain Error, null, undefined, strings and other primitives', () => {
    expect(RoundLogMismatchError.isInstance(new Error('plain'))).toBe(false);
    for (const value of NOT_OBJECTS) expect(RoundLogMismatchError.isInstance(value), String(value)).toBe(false);
  });

  it('is false for a plain object that copies the message and code of a RoundLogMismatchError', () => {
    const e = make();
    const copy = { ...JSON.parse(JSON.stringify(e)), name: e.name, message: e.message, code: e.code, stack: e.stack };
    expect(RoundLogMismatchError.isInstance(copy)).toBe(false);
  });

  it('QfcnError.isInstance is true for a RoundLogMismatchError and its subclasses; InvalidArgumentError.isInstance is false', () => {
    expect(QfcnError.isInstance(make())).toBe(true);
    expect(QfcnError.isInstance(new SubRoundLogMismatchError('rounds.jsonl', 'K', 4, 8))).toBe(true);
    expect(InvalidArgumentError.isInstance(make())).toBe(false);
  });

  it("RoundLogMismatchError has the non-empty string code 'LOG_MISMATCH'", () => {
    const e = make();
    expect(typeof e.code).toBe('string');
    expect(e.code).toBe('LOG_MISMATCH');
    expect(e.name).toBe('RoundLogMismatchError');
    expect(e).toBeInstanceOf(Error);
  });
});
