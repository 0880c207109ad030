import { describe, expect, it } from 'vitest';
import { oracle } from '../test/oracle';
import { mulberry32 } from './mulberry32';

describe('mulberry32', () => {
  it('matches the Python port of the reference C for seeds 0, 1, 42, 2^32−1', () => {
    for (const c of oracle().mulberry32) {
      const rand = mulberry32(c.seed);
      expect(
        c.values.map(() => rand()),
        `seed ${c.seed}`,
      ).toEqual(c.values);
    }
  });
  it('seed 42 starts with 0.6011037519201636; values lie in [0, 1)', () => {
    const rand = mulberry32(42);
    expect(rand()).toBe(0.6011037519201636);
    for (let i = 0; i < 1000; i++) {
      const v = rand();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});
