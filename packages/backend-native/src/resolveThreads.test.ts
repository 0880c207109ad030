import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { resolveThreads } from './resolveThreads';

describe('resolveThreads', () => {
  it('option 3 wins over QFCN_NATIVE_THREADS=5', () => {
    expect(resolveThreads(3, { QFCN_NATIVE_THREADS: '5' })).toBe(3);
  });
  it('no option, QFCN_NATIVE_THREADS=5 → 5', () => {
    expect(resolveThreads(undefined, { QFCN_NATIVE_THREADS: '5' })).toBe(5);
  });
  it('no option, no env → every core', () => {
    expect(resolveThreads(undefined, {})).toBe(availableParallelism());
  });
  it('empty QFCN_NATIVE_THREADS counts as unset', () => {
    expect(resolveThreads(undefined, { QFCN_NATIVE_THREADS: '' })).toBe(availableParallelism());
  });
  it('0, 1.5 and NaN options name the problem', () => {
    expect(resolveThreads(0, {})).toBe('threads must be an integer >= 1, got 0');
    expect(resolveThreads(1.5, {})).toBe('threads must be an integer >= 1, got 1.5');
    expect(resolveThreads(Number.NaN, {})).toBe('threads must be an integer >= 1, got NaN');
  });
  it("QFCN_NATIVE_THREADS='two' names the variable", () => {
    expect(resolveThreads(undefined, { QFCN_NATIVE_THREADS: 'two' })).toBe(
      "QFCN_NATIVE_THREADS must be an integer >= 1, got 'two'",
    );
  });
});
