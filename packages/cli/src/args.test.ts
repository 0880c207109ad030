import { DataError, InvalidArgumentError, QfcnError } from '@qfcn/contract';
import { describeErrorClasses } from '@qfcn/internal/testing';
import { describe, expect, it } from 'vitest';
import { renamedFlag, UsageError } from './args';

class SubUsageError extends UsageError {}

describeErrorClasses({
  cases: [
    {
      name: 'UsageError',
      cls: UsageError,
      code: 'INVALID_ARGUMENT',
      make: () => new UsageError('missing required option --data'),
      makeSubclass: () => new SubUsageError('missing required option --data'),
    },
  ],
  markerOf: (name) => `qfcn.error.${name}`,
  // its parent class, with the same code and argument, is not a UsageError
  base: () => new InvalidArgumentError('argv', 'same argument, parent class'),
  foreign: [new QfcnError('INVALID_ARGUMENT', 'same code, base class'), new DataError('cannot decode')],
});

describe('UsageError in the family', () => {
  it('InvalidArgumentError.isInstance and QfcnError.isInstance are true for a UsageError (its parent classes)', () => {
    const e = new UsageError('missing required option --data');
    expect(InvalidArgumentError.isInstance(e)).toBe(true);
    expect(QfcnError.isInstance(e)).toBe(true);
  });

  it("UsageError names the argument 'argv'", () => {
    expect(new UsageError('missing required option --data').argument).toBe('argv');
  });
});

describe('renamedFlag', () => {
  it('--picks 3 or its old name --k 3 give 3; neither gives undefined; both is a usage error naming them', () => {
    expect(renamedFlag({ picks: '3' }, 'picks', 'k')).toBe('3');
    expect(renamedFlag({ k: '3' }, 'picks', 'k')).toBe('3');
    expect(renamedFlag({}, 'picks', 'k')).toBeUndefined();
    expect(() => renamedFlag({ picks: '3', k: '3' }, 'picks', 'k')).toThrow(
      /--k is the old name of --picks: give one of them/,
    );
  });
});
