import { describe, expect, it } from 'vitest';
import { quantizePowerOfTwo } from './quantizePowerOfTwo';
import { oracle } from './test/oracle';

const f32 = (...v: number[]) => Float32Array.from(v);

describe('quantizePowerOfTwo', () => {
  it('3 bits, max 0.3: levels 0, ±0.125, ±0.25 (README example)', () => {
    expect(Array.from(quantizePowerOfTwo(f32(0.3, -0.11, 0.05, 0.2), { bits: 3 }))).toEqual([0.25, -0.125, 0, 0.25]);
  });

  it('ties go up: 0.75·2^k → 2^k, 2^(n2-1) → 2^n2; just below stays down', () => {
    // max 1 → n1 0; 3 bits → n2 -1: levels 0, ±0.5, ±1; midpoints 0.25 and 0.75
    const below = (x: number) => Math.fround(x - x * 2 ** -24);
    const out = quantizePowerOfTwo(f32(1, 0.75, -0.75, 0.25, -0.25, below(0.75), below(0.25)), { bits: 3 });
    expect(Array.from(out)).toEqual([1, 1, -1, 0.5, -0.5, 0.5, 0]);
  });

  it('5 bits, max 1: the smallest level is 2^-7 and below 2^-8 is 0', () => {
    const out = quantizePowerOfTwo(f32(1, 2 ** -7, 2 ** -8, Math.fround(2 ** -8 * 0.999), 0.1), { bits: 5 });
    expect(Array.from(out)).toEqual([1, 2 ** -7, 2 ** -7, 0, 0.125]);
  });

  it('2 bits is ternary {0, ±2^n1}: max 0.9 → n1 0, midpoint 0.5', () => {
    expect(Array.from(quantizePowerOfTwo(f32(0.9, -0.4, 0.5, 0.2, -0.9), { bits: 2 }))).toEqual([1, 0, 1, 0, -1]);
  });

  it('explicit maxAbs fixes n1 and larger weights saturate at 2^n1', () => {
    // maxAbs 0.3 → n1 -2: 5 → 0.25, -1 → -0.25
    expect(Array.from(quantizePowerOfTwo(f32(5, -1, 0.2), { bits: 3, maxAbs: 0.3 }))).toEqual([0.25, -0.25, 0.25]);
  });

  it('subnormal inputs: max 2^-140 at 4 bits → levels 2^-143…2^-140, zero below 2^-144', () => {
    const p = (k: number) => 2 ** k;
    const out = quantizePowerOfTwo(f32(p(-140), 1.5 * p(-141), -p(-143), p(-144), Math.fround(p(-144) * 0.9)), {
      bits: 4,
    });
    expect(Array.from(out)).toEqual([p(-140), p(-140), -p(-143), p(-143), 0]);
  });

  it('an all-zero tensor gives zeros', () => {
    expect(Array.from(quantizePowerOfTwo(f32(0, -0, 0), { bits: 5 }))).toEqual([0, 0, 0]);
  });

  it('matches the brute-force numpy oracle on 4 distributions × bits 2–8 and hand-made midpoints', () => {
    for (const c of oracle().powerOfTwo) {
      const out = quantizePowerOfTwo(Float32Array.from(c.values), { bits: c.bits });
      expect(Array.from(out), c.name).toEqual(c.expected.map((v) => (v === 0 ? 0 : v)));
    }
  });

  it('is idempotent and keeps the sign', () => {
    const w = Float32Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.7) * 0.3);
    const q = quantizePowerOfTwo(w, { bits: 6 });
    expect(Array.from(quantizePowerOfTwo(q, { bits: 6, maxAbs: 0.3 }))).toEqual(Array.from(q));
    for (let i = 0; i < w.length; i++) if (q[i] !== 0) expect(Math.sign(q[i]!)).toBe(Math.sign(w[i]!));
  });

  it('bad input: bits 1 and 9, NaN, Infinity, empty, not a Float32Array', () => {
    const w = f32(0.1, 0.2);
    expect(() => quantizePowerOfTwo(w, { bits: 1 })).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
    expect(() => quantizePowerOfTwo(w, { bits: 9 })).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
    expect(() => quantizePowerOfTwo(f32(0), { bits: 9 })).toThrow(
      expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }),
    );
    expect(() => quantizePowerOfTwo(f32(0.1, NaN), { bits: 5 })).toThrow(
      expect.objectContaining({ code: 'NON_FINITE_VALUE', index: 1 }),
    );
    expect(() => quantizePowerOfTwo(f32(-Infinity, 1), { bits: 5 })).toThrow(
      expect.objectContaining({ code: 'NON_FINITE_VALUE', index: 0 }),
    );
    expect(() => quantizePowerOfTwo(new Float32Array(0), { bits: 5 })).toThrow(
      expect.objectContaining({ code: 'EMPTY_TENSOR' }),
    );
    expect(() => quantizePowerOfTwo([0.1] as unknown as Float32Array, { bits: 5 })).toThrow(/expected a Float32Array/);
    expect(() => quantizePowerOfTwo(w, { bits: 5, maxAbs: 0 })).toThrow(
      expect.objectContaining({ argument: 'maxAbs' }),
    );
  });
});
