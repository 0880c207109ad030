import { DataError, InvalidArgumentError, QfcnError } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args';

/** Values that are not errors at all: isInstance must say false, never throw. */
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

class SubUsageError extends UsageError {}

describe('UsageError.isInstance', () => {
  it('is true for an instance of UsageError', () => {
    expect(UsageError.isInstance(new UsageError('missing required option --data'))).toBe(true);
  });

  it('is true for an instance of a subclass of UsageError', () => {
    expect(UsageError.isInstance(new SubUsageError('missing required option --data'))).toBe(true);
  });

  it("is true for an object from another package copy that carries Symbol.for('qfcn.error.UsageError')", () => {
    expect(
      UsageError.isInstance(
        Object.assign(new Error('from another copy'), { [Symbol.for('qfcn.error.UsageError')]: true }),
      ),
    ).toBe(true);
  });

  it('is false for its parent InvalidArgumentError, a bare QfcnError and a sibling DataError', () => {
    expect(UsageError.isInstance(new InvalidArgumentError('argv', 'same argument, parent class'))).toBe(false);
    expect(UsageError.isInstance(new QfcnError('INVALID_ARGUMENT', 'same code, base class'))).toBe(false);
    expect(UsageError.isInstance(new DataError('cannot decode'))).toBe(false);
  });

  it('is false for a plain Error, null, undefined, strings and other primitives', () => {
    expect(UsageError.isInstance(new Error('plain'))).toBe(false);
    for (const value of NOT_OBJECTS) expect(UsageError.isInstance(value), String(value)).toBe(false);
  });

  it('is false for a plain object that copies the message and code of a UsageError', () => {
    const e = new UsageError('missing required option --data');
    const copy = { ...JSON.parse(JSON.stringify(e)), name: e.name, message: e.message, code: e.code, stack: e.stack };
    expect(UsageError.isInstance(copy)).toBe(false);
  });

  it('InvalidArgumentError.isInstance and QfcnError.isInstance are true for a UsageError (its parent classes)', () => {
    const e = new UsageError('missing required option --data');
    expect(InvalidArgumentError.isInstance(e)).toBe(true);
    expect(QfcnError.isInstance(e)).toBe(true);
  });

  it("UsageError has the non-empty string code 'INVALID_ARGUMENT' and names the argument 'argv'", () => {
    const e = new UsageError('missing required option --data');
    expect(typeof e.code).toBe('string');
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.argument).toBe('argv');
    expect(e.name).toBe('UsageError');
  });
});
