import { describe, expect, it } from 'vitest';
import { packCodes } from './packCodes';
import { unpackCodes } from './unpackCodes';

describe('packCodes', () => {
  it('2-bit codes 1, 2, 3 → one byte 0b00111001 (LSB first)', () => {
    expect(Array.from(packCodes(Uint16Array.of(1, 2, 3), 2))).toEqual([0b00111001]);
  });

  it('5-bit codes 31, 0 → [31, 0]; 5-bit 0, 31 → [0b11100000, 0b11]', () => {
    expect(Array.from(packCodes(Uint16Array.of(31, 0), 5))).toEqual([31, 0]);
    expect(Array.from(packCodes(Uint16Array.of(0, 31), 5))).toEqual([0b11100000, 0b11]);
  });

  it('8 codes of 5 bits take exactly 5 bytes; 16-bit codes are little-endian', () => {
    expect(packCodes(new Uint16Array(8), 5).length).toBe(5);
    expect(Array.from(packCodes(Uint16Array.of(0x1234), 16))).toEqual([0x34, 0x12]);
  });

  it('round trip with unpackCodes for every width 1–16 on 1001 pseudo-random codes', () => {
    for (let bits = 1; bits <= 16; bits++) {
      const codes = Uint16Array.from({ length: 1001 }, (_, i) => (i * 2654435761) % 2 ** bits);
      const packed = packCodes(codes, bits);
      expect(packed.length).toBe(Math.ceil((1001 * bits) / 8));
      expect(Array.from(unpackCodes(packed, bits, 1001)), `bits ${bits}`).toEqual(Array.from(codes));
    }
  });

  it('a code that does not fit, bits 0 and 17, non-Uint16Array input → errors', () => {
    expect(() => packCodes(Uint16Array.of(1, 32), 5)).toThrow(/code 32 at index 1 does not fit in 5 bits/);
    expect(() => packCodes(Uint16Array.of(256), 8)).toThrow(/does not fit in 8 bits/);
    expect(() => packCodes(Uint16Array.of(1), 0)).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
    expect(() => packCodes(Uint16Array.of(1), 17)).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
    expect(() => packCodes([1] as unknown as Uint16Array, 4)).toThrow(/Uint16Array/);
  });
});
