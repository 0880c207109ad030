import { describe, expect, it } from 'vitest';
import { inqPartition } from './inqPartition';
import { oracle } from './test/oracle';

describe('inqPartition', () => {
  it('4 weights, 50 %: freezes the two largest |w| (README example)', () => {
    expect(Array.from(inqPartition(Float32Array.of(0.1, -0.9, 0.5, 0.3), new Uint8Array(4), 0.5))).toEqual([
      0, 1, 1, 0,
    ]);
  });

  it('keeps already-frozen weights even when smaller, and adds the largest free ones', () => {
    const frozen = Uint8Array.of(1, 0, 0, 0, 0);
    const mask = inqPartition(Float32Array.of(0.01, 0.2, -0.5, 0.4, 0.1), frozen, 0.6);
    expect(Array.from(mask)).toEqual([1, 0, 1, 1, 0]);
    expect(Array.from(frozen)).toEqual([1, 0, 0, 0, 0]);
  });

  it('ties in |w| go to the lower index; portion 1 freezes all', () => {
    expect(Array.from(inqPartition(Float32Array.of(0.5, -0.5, 0.5, 0.1), new Uint8Array(4), 0.5))).toEqual([
      1, 1, 0, 0,
    ]);
    expect(Array.from(inqPartition(Float32Array.of(0.5, 0, 0), Uint8Array.of(0, 1, 0), 1))).toEqual([1, 1, 1]);
  });

  it('counts round half up: 0.3·10 → 3 (not 4), 0.875·7 → 6, 0.5·5 → 3', () => {
    const count = (n: number, p: number) =>
      inqPartition(
        Float32Array.from({ length: n }, (_, i) => i + 1),
        new Uint8Array(n),
        p,
      ).reduce((a, b) => a + b, 0);
    expect(count(10, 0.3)).toBe(3);
    expect(count(7, 0.875)).toBe(6);
    expect(count(5, 0.5)).toBe(3);
  });

  it('matches the numpy oracle (stable argsort) over the schedule 0.3/0.6/0.8/1 with many ties', () => {
    for (const c of oracle().partition) {
      const w = Float32Array.from(c.values);
      let mask = new Uint8Array(w.length);
      for (const step of c.steps) {
        mask = inqPartition(w, mask, step.portion) as Uint8Array<ArrayBuffer>;
        expect(Array.from(mask), `${c.name} @${step.portion}`).toEqual(step.mask);
      }
    }
  });

  it('random partition: seeded, reproducible, the right count, differs across seeds', () => {
    const w = Float32Array.from({ length: 1000 }, (_, i) => Math.cos(i));
    const a = inqPartition(w, new Uint8Array(1000), 0.5, { partition: 'random', seed: 7 });
    const b = inqPartition(w, new Uint8Array(1000), 0.5, { partition: 'random', seed: 7 });
    const c = inqPartition(w, new Uint8Array(1000), 0.5, { partition: 'random', seed: 8 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.reduce((s, v) => s + v, 0)).toBe(500);
    expect(Array.from(a)).not.toEqual(Array.from(c));
    // not the magnitude choice: some of the 500 largest stay free
    const byMagnitude = inqPartition(w, new Uint8Array(1000), 0.5);
    expect(Array.from(a)).not.toEqual(Array.from(byMagnitude));
  });

  it('bad input: portion 0 and 1.5, wrong mask length, unknown partition, NaN weights', () => {
    const w = Float32Array.of(1, 2);
    expect(() => inqPartition(w, new Uint8Array(2), 0)).toThrow(expect.objectContaining({ argument: 'portion' }));
    expect(() => inqPartition(w, new Uint8Array(2), 1.5)).toThrow(expect.objectContaining({ argument: 'portion' }));
    expect(() => inqPartition(w, new Uint8Array(3), 0.5)).toThrow(/mask of length 2/);
    expect(() => inqPartition(w, new Uint8Array(2), 0.5, { partition: 'smallest' as never })).toThrow(
      /'magnitude' or 'random'/,
    );
    expect(() => inqPartition(Float32Array.of(NaN), new Uint8Array(1), 0.5)).toThrow(
      expect.objectContaining({ code: 'NON_FINITE_VALUE' }),
    );
  });
});
