import { describe, expect, it } from 'vitest';
import { unpackCodes } from './unpackCodes';

describe('unpackCodes', () => {
  it('byte 0b00111001 as three 2-bit codes → 1, 2, 3', () => {
    expect(Array.from(unpackCodes(Uint8Array.of(0b00111001), 2, 3))).toEqual([1, 2, 3]);
  });
  it('3-bit codes across a byte boundary: [0b10001101, 0b1] → 5, 1, 6', () => {
    // bits: 101 | 001 | 10 + 1 → 5, 1, 0b110 = 6
    expect(Array.from(unpackCodes(Uint8Array.of(0b10001101, 0b1), 3, 3))).toEqual([5, 1, 6]);
  });
  it('count 0 reads nothing; extra bytes are ignored', () => {
    expect(unpackCodes(new Uint8Array(0), 5, 0).length).toBe(0);
    expect(Array.from(unpackCodes(Uint8Array.of(7, 255, 255), 8, 1))).toEqual([7]);
  });
  it('too few bytes and a bad count → INVALID_ARGUMENT', () => {
    expect(() => unpackCodes(new Uint8Array(4), 5, 8)).toThrow(/8 codes of 5 bits need 5 bytes, got 4/);
    expect(() => unpackCodes(new Uint8Array(4), 5, -1)).toThrow(expect.objectContaining({ argument: 'count' }));
  });
});
