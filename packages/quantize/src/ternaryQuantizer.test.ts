import { describe, expect, it } from 'vitest';
import { ternaryQuantizer } from './ternaryQuantizer';
import { oracle } from './test/oracle';

describe('ternaryQuantizer', () => {
  it('[1, -1, 0.1, -0.2]: Δ = 0.7·0.575 = 0.4025, α = 1 (TWN)', () => {
    const q = ternaryQuantizer();
    const w = Float32Array.of(1, -1, 0.1, -0.2);
    const p = q.calibrate(w);
    expect(p.threshold).toBeCloseTo(0.4025, 7);
    expect(p.scale).toBe(1);
    expect(Array.from(q.quantize(w, p))).toEqual([1, -1, 0, 0]);
    expect(Array.from(q.encode(w, p))).toEqual([0b10, 0b11, 0, 0]);
  });

  it('|w| = Δ exactly goes to 0 (strict inequality of TWN)', () => {
    const q = ternaryQuantizer();
    const p = { kind: 'ternary' as const, bits: 2, scale: 0.8, threshold: 0.25 };
    expect(Array.from(q.quantize(Float32Array.of(0.25, -0.25, 0.2500001), p))).toEqual([0, 0, Math.fround(0.8)]);
    expect(() => q.decode(Uint16Array.of(1), p)).toThrow(/not a valid ternary code/);
  });

  it('matches the numpy oracle (gaussian, laplace, textbook)', () => {
    for (const c of oracle().ternary) {
      const q = ternaryQuantizer();
      const w = Float32Array.from(c.values);
      const p = q.calibrate(w);
      expect(p.threshold!, c.name).toBeCloseTo(c.threshold!, 12);
      expect(p.scale!, c.name).toBeCloseTo(c.scale!, 12);
      expect(Array.from(q.quantize(w, p)), c.name).toEqual(c.expected.map((v) => v + 0));
      expect(Array.from(q.decode(q.encode(w, p), p)), c.name).toEqual(Array.from(q.quantize(w, p)));
    }
  });

  it('bits other than 2 → BitsOutOfRangeError', () => {
    expect(() => ternaryQuantizer({ bits: 3 })).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
    expect(ternaryQuantizer({ bits: 2 }).bits).toBe(2);
  });
});
