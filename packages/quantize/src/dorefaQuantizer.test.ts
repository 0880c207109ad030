import { describe, expect, it } from 'vitest';
import { dorefaQuantizer } from './dorefaQuantizer';
import { oracle } from './test/oracle';

describe('dorefaQuantizer', () => {
  it('2 bits: levels -1, -1/3, 1/3, 1; 0 → +1/3 (README example)', () => {
    const q = dorefaQuantizer({ bits: 2 });
    const w = Float32Array.of(2, -2, 0.05, 0);
    const p = q.calibrate(w);
    expect(p.scale).toBe(Math.tanh(2));
    expect(Array.from(q.quantize(w, p))).toEqual([1, -1, 1 / 3, 1 / 3].map(Math.fround));
    expect(Array.from(q.encode(w, p))).toEqual([3, 0, 2, 2]);
    expect(Array.from(q.levels(p))).toEqual([-1, -1 / 3, 1 / 3, 1].map(Math.fround));
  });

  it('1 bit is binary {-1, +1}', () => {
    const q = dorefaQuantizer({ bits: 1 });
    expect(Array.from(q.quantize(Float32Array.of(0.3, -0.01, 0, -5)))).toEqual([1, -1, 1, -1]);
  });

  it('matches the numpy oracle at 1, 2, 3, 4, 8 bits', () => {
    for (const c of oracle().dorefa) {
      const q = dorefaQuantizer({ bits: c.bits });
      const w = Float32Array.from(c.values);
      const p = q.calibrate(w);
      expect(p.scale!, c.name).toBeCloseTo(c.scale!, 14); // Math.tanh and np.tanh may differ in the last bit
      expect(Array.from(q.quantize(w, p)), c.name).toEqual(c.expected);
      expect(Array.from(q.decode(q.encode(w, p), p)), c.name).toEqual(c.expected);
    }
  });

  it('bits 0 and 17 → BitsOutOfRangeError', () => {
    expect(() => dorefaQuantizer({ bits: 0 })).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
    expect(() => dorefaQuantizer({ bits: 17 })).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
  });
});
