import { describe, expect, it } from 'vitest';
import { oracle } from './test/oracle';
import { uniformQuantizer } from './uniformQuantizer';

describe('uniformQuantizer', () => {
  it('3 bits, max 0.75: step 0.25, ties away from zero (README example)', () => {
    const q = uniformQuantizer({ bits: 3 });
    const w = Float32Array.of(0.75, -0.375, 0.125, 0.25, -0.1);
    const p = q.calibrate(w);
    expect(p).toEqual({ kind: 'uniform', bits: 3, scale: 0.25 });
    expect(Array.from(q.quantize(w, p))).toEqual([0.75, -0.5, 0.25, 0.25, 0]);
    expect(Array.from(q.encode(w, p))).toEqual([6, 1, 4, 4, 3]);
    expect(Array.from(q.levels(p))).toEqual([-0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75]);
  });

  it('saturates beyond ±Q·Δ and rejects code 2^b − 1', () => {
    const q = uniformQuantizer({ bits: 2 });
    const p = { kind: 'uniform' as const, bits: 2, scale: 0.5 };
    expect(Array.from(q.quantize(Float32Array.of(3, -3, 0.2), p))).toEqual([0.5, -0.5, 0]);
    expect(() => q.decode(Uint16Array.of(3), p)).toThrow(/code 3 at index 0 is not a valid uniform code/);
  });

  it('matches the brute-force numpy oracle at 2, 3, 4, 8, 12, 16 bits', () => {
    for (const c of oracle().uniform) {
      const q = uniformQuantizer({ bits: c.bits });
      const w = Float32Array.from(c.values);
      const p = q.calibrate(w);
      expect(p.scale, c.name).toBe(c.scale);
      expect(Array.from(q.quantize(w, p)), c.name).toEqual(c.expected.map((v) => v + 0));
      expect(Array.from(q.decode(q.encode(w, p), p)), c.name).toEqual(Array.from(q.quantize(w, p)));
    }
  });

  it('bits 1 and 17 → BitsOutOfRangeError; all-zero calibration throws', () => {
    expect(() => uniformQuantizer({ bits: 1 })).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
    expect(() => uniformQuantizer({ bits: 17 })).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
    expect(() => uniformQuantizer({ bits: 4 }).calibrate(new Float32Array(2))).toThrow(/all weights are 0/);
  });
});
