import { describe, expect, it } from 'vitest';
import { findOffLevel } from './findOffLevel';

describe('findOffLevel', () => {
  const p = { kind: 'power-of-two' as const, bits: 3, n1: -2 };
  it('power-of-two 3 bits n1 -2: [0.25, -0.125, 0, -0] are levels', () => {
    expect(findOffLevel(Float32Array.of(0.25, -0.125, 0, -0), p)).toBe(-1);
  });
  it('0.2 at index 1 and 2^-4 (below n2) at index 2 are not', () => {
    expect(findOffLevel(Float32Array.of(0.25, 0.2), p)).toBe(1);
    expect(findOffLevel(Float32Array.of(0.25, 0.125, 0.0625), p)).toBe(2);
  });
  it('NaN is never a level; an empty array has no off-level value', () => {
    expect(findOffLevel(Float32Array.of(NaN), p)).toBe(0);
    expect(findOffLevel(new Float32Array(0), p)).toBe(-1);
  });
});
