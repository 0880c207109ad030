import { describe, expect, it } from 'vitest';
import { mulberry32 } from './mulberry32';

describe('mulberry32', () => {
  it('seed 42: the published first value 0.6011037519201636, then a reproducible stream', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect(a()).toBe(0.6011037519201636);
    b();
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it('seeds are taken modulo 2^32: -1 and 2^32 - 1 give one stream, 0 and 2^32 another', () => {
    expect(mulberry32(-1)()).toBe(mulberry32(2 ** 32 - 1)());
    expect(mulberry32(0)()).toBe(mulberry32(2 ** 32)());
    expect(mulberry32(0)()).not.toBe(mulberry32(1)());
  });

  it('10,000 draws lie in [0, 1) with a mean near 1/2', () => {
    const r = mulberry32(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.01);
  });
});
