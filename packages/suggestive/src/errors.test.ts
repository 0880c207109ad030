import { CorruptFileError, InvalidArgumentError, QfcnError } from '@qfcn/contract';
import { describeErrorClasses } from '@qfcn/internal/testing';
import { describe, expect, it } from 'vitest';
import { RoundLogMismatchError } from './errors';

class SubRoundLogMismatchError extends RoundLogMismatchError {}

describeErrorClasses({
  cases: [
    {
      name: 'RoundLogMismatchError',
      cls: RoundLogMismatchError,
      code: 'LOG_MISMATCH',
      make: () => new RoundLogMismatchError('rounds.jsonl', 'strategy', 'suggestive', 'random'),
      makeSubclass: () => new SubRoundLogMismatchError('rounds.jsonl', 'candidates', 4, 8),
    },
  ],
  markerOf: (name) => `qfcn.error.${name}`,
  base: (code) => new QfcnError(code, 'same code, base class'),
  foreign: [new InvalidArgumentError('x', 'y'), new CorruptFileError('truncated log', { path: 'rounds.jsonl' })],
});

describe('RoundLogMismatchError in the family', () => {
  it('QfcnError.isInstance is true for a RoundLogMismatchError and its subclasses; InvalidArgumentError.isInstance is false', () => {
    const e = new RoundLogMismatchError('rounds.jsonl', 'strategy', 'suggestive', 'random');
    expect(QfcnError.isInstance(e)).toBe(true);
    expect(QfcnError.isInstance(new SubRoundLogMismatchError('rounds.jsonl', 'candidates', 4, 8))).toBe(true);
    expect(InvalidArgumentError.isInstance(e)).toBe(false);
  });
});
