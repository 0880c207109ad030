import { describe, expect, it } from 'vitest';
import { powerOfTwoQuantizer } from './powerOfTwoQuantizer';
import { quantizePowerOfTwo } from './quantizePowerOfTwo';
import { oracle } from './test/oracle';

describe('powerOfTwoQuantizer', () => {
  it('3 bits, max 0.3: params n1 -2, codes 0b101 (+2^-2) and 0b110 (-2^-3)', () => {
    const q = powerOfTwoQuantizer({ bits: 3 });
    const w = Float32Array.of(0.3, -0.11);
    const p = q.calibrate(w);
    expect(p).toEqual({ kind: 'power-of-two', bits: 3, n1: -2 });
    expect(Array.from(q.encode(w, p))).toEqual([0b101, 0b110]);
    expect(Array.from(q.levels(p))).toEqual([-0.25, -0.125, 0, 0.125, 0.25]);
  });

  it('5 bits: 17 levels; all 32 codes decode or are rejected (15 invalid)', () => {
    const q = powerOfTwoQuantizer({ bits: 5 });
    const p = { kind: 'power-of-two' as const, bits: 5, n1: 0 };
    expect(q.levels(p).length).toBe(17);
    let valid = 0;
    for (let c = 0; c < 32; c++) {
      try {
        q.decode(Uint16Array.of(c), p);
        valid++;
      } catch (e) {
        expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'codes' });
      }
    }
    expect(valid).toBe(17);
  });

  it('decode(encode(x)) equals quantize(x) equals quantizePowerOfTwo(x) on the oracle inputs', () => {
    for (const c of oracle().powerOfTwo) {
      const q = powerOfTwoQuantizer({ bits: c.bits });
      const w = Float32Array.from(c.values);
      const p = q.calibrate(w);
      expect(p.n1, c.name).toBe(c.n1);
      const expected = Array.from(quantizePowerOfTwo(w, { bits: c.bits }));
      expect(Array.from(q.quantize(w, p)), c.name).toEqual(expected);
      expect(Array.from(q.decode(q.encode(w, p), p)), c.name).toEqual(expected);
    }
  });

  it('params of another quantizer, bad n1 and an all-zero calibration are rejected', () => {
    const q = powerOfTwoQuantizer({ bits: 5 });
    const w = Float32Array.of(0.5);
    expect(() => q.encode(w, { kind: 'uniform', bits: 5, scale: 1 })).toThrow(/parameters are for uniform/);
    expect(() => q.encode(w, { kind: 'power-of-two', bits: 6, n1: 0 })).toThrow(/at 6 bits/);
    expect(() => q.encode(w, { kind: 'power-of-two', bits: 5, n1: 0.5 })).toThrow(/integer exponent/);
    expect(() => q.calibrate(new Float32Array(3))).toThrow(/all weights are 0/);
    expect(() => powerOfTwoQuantizer({ bits: 9 })).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
  });
});
