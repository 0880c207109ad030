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

describe('errors', () => {
  const all = [
    [new InvalidArgumentError('x', 'bad'), 'INVALID_ARGUMENT'],
    [new BitsOutOfRangeError(9, 2, 8, 'The power-of-two quantizer'), 'BITS_OUT_OF_RANGE'],
    [new NonFiniteValueError('values', 3, NaN), 'NON_FINITE_VALUE'],
    [new EmptyTensorError('values'), 'EMPTY_TENSOR'],
    [new InvalidScheduleError([0.5, 0.9], 'must end at 1'), 'INVALID_SCHEDULE'],
    [new NothingToQuantizeError(['dense/bias'], '/kernel$/'), 'NOTHING_TO_QUANTIZE'],
    [new NotOnLevelError('w', 1, 0.2, 'power-of-two'), 'NOT_ON_LEVEL'],
    [new CorruptFileError('truncated', { path: 'a.qfcn' }), 'CORRUPT_FILE'],
  ] as const;

  it.each(all.map(([e, code]) => [e.name, code, e] as const))('%s has code %s and the qfcn marker', (_, code, e) => {
    expect(e.code).toBe(code);
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(QuantizeError);
    expect(QuantizeError.isInstance(e)).toBe(true);
    expect((e as unknown as Record<symbol, unknown>)[Symbol.for('qfcn.error')]).toBe(true);
  });

  it('isInstance recognises a foreign copy by the marker and rejects plain errors', () => {
    const foreign = Object.assign(new Error('from another copy'), { [Symbol.for('qfcn.error')]: true, code: 'X' });
    expect(QuantizeError.isInstance(foreign)).toBe(true);
    expect(QuantizeError.isInstance(new Error('plain'))).toBe(false);
    expect(QuantizeError.isInstance(null)).toBe(false);
    expect(QuantizeError.isInstance('INVALID_ARGUMENT')).toBe(false);
  });

  it('messages name the problem', () => {
    expect(new BitsOutOfRangeError(9, 2, 8, 'The power-of-two quantizer').message).toBe(
      "Invalid argument 'bits': The power-of-two quantizer supports integer bit widths 2–8, got 9",
    );
    expect(new CorruptFileError('truncated', { path: 'a.qfcn' }).message).toBe('a.qfcn: truncated');
    expect(new NothingToQuantizeError(['dense/bias'], '/kernel$/').message).toContain('weights seen: dense/bias');
  });
});
