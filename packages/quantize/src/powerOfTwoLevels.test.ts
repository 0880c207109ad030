import { describe, expect, it } from 'vitest';
import { powerOfTwoLevels } from './powerOfTwoLevels';
import { oracle } from './test/oracle';

describe('powerOfTwoLevels', () => {
  it('maxAbs 1 at 5 bits: n1 0, n2 -7 (8 exponents, paper b=5)', () => {
    expect(powerOfTwoLevels(1, 5)).toEqual({ n1: 0, n2: -7 });
  });

  it('exponent counts per bit width: b=2 one, b=3 two, b=6 16, b=7 32', () => {
    const span = (b: number) => {
      const { n1, n2 } = powerOfTwoLevels(1, b);
      return n1 - n2 + 1;
    };
    expect([2, 3, 4, 5, 6, 7, 8].map(span)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });

  it('maxAbs 0.3 at 3 bits: n1 -2, n2 -3 (4·0.3/3 = 0.4)', () => {
    expect(powerOfTwoLevels(0.3, 3)).toEqual({ n1: -2, n2: -3 });
  });

  it('bucket edges are exact: 0.75 → n1 0, the float below 0.75 → n1 -1, 1.5 → n1 1', () => {
    expect(powerOfTwoLevels(0.75, 5).n1).toBe(0);
    expect(powerOfTwoLevels(Math.fround(0.75 - 2 ** -24), 5).n1).toBe(-1);
    expect(powerOfTwoLevels(1.5, 5).n1).toBe(1);
    expect(powerOfTwoLevels(0.75 * 2 ** -40, 5).n1).toBe(-40);
  });

  it('matches the exact-rational numpy oracle', () => {
    for (const c of oracle().powerOfTwoLevels) {
      if (c.n1 > 127 || c.n2 < -149) {
        expect(() => powerOfTwoLevels(c.maxAbs, c.bits)).toThrow(/outside the float32 range/);
      } else {
        expect(powerOfTwoLevels(c.maxAbs, c.bits), `maxAbs ${c.maxAbs} b=${c.bits}`).toEqual({ n1: c.n1, n2: c.n2 });
      }
    }
  });

  it.each([1, 9, 4.5, NaN, '5'])('bits %s → BitsOutOfRangeError', (bits) => {
    expect(() => powerOfTwoLevels(1, bits as number)).toThrow(expect.objectContaining({ code: 'BITS_OUT_OF_RANGE' }));
  });

  it.each([0, -1, NaN, Infinity])('maxAbs %s → INVALID_ARGUMENT', (m) => {
    expect(() => powerOfTwoLevels(m, 5)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'maxAbs' }),
    );
  });
});
