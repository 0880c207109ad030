import { readFileSync } from 'node:fs';
import { QfcnError } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { createRng } from './createRng';

interface OracleCase {
  seed: number | string;
  state: number[];
  uint32: number[];
  ints: number[];
  normals: number[];
}
const oracle = JSON.parse(readFileSync(new URL('./fixtures/rng_oracle.json', import.meta.url), 'utf8')) as {
  intBounds: number[];
  cases: OracleCase[];
};

describe('createRng', () => {
  for (const c of oracle.cases) {
    it(`matches the Python oracle for seed ${JSON.stringify(c.seed)} (state, uint32, int, normal)`, () => {
      expect(createRng(c.seed).state().s).toEqual(c.state);
      const a = createRng(c.seed);
      expect(c.uint32.map(() => a.uint32())).toEqual(c.uint32);
      const b = createRng(c.seed);
      expect(oracle.intBounds.map((n) => b.int(n))).toEqual(c.ints);
      const n = createRng(c.seed);
      for (const expected of c.normals) expect(n.normal()).toBeCloseTo(expected, 12);
    });
  }

  it('next() is uint32 / 2^32, in [0, 1)', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.uint32() / 4294967296);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('100000 draws: uniform mean 0.5, normal mean 0 and variance 1, int(6) roughly equal counts', () => {
    const rng = createRng(123);
    let sum = 0;
    let nSum = 0;
    let nSq = 0;
    const counts = new Array(6).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      sum += rng.next();
      const z = rng.normal(2, 3);
      nSum += z;
      nSq += z * z;
      counts[rng.int(6)]++;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    const mean = nSum / n;
    expect(mean).toBeCloseTo(2, 1);
    expect(Math.sqrt(nSq / n - mean * mean)).toBeCloseTo(3, 1);
    for (const c of counts) expect(Math.abs(c - n / 6)).toBeLessThan(600); // ~5 standard deviations
  });

  it('state() resumes the exact sequence, including a cached normal variate', () => {
    const rng = createRng('resume');
    rng.normal(); // leaves a spare
    const saved = rng.state();
    expect(saved.spare).not.toBeNull();
    const copy = createRng(JSON.parse(JSON.stringify(saved)));
    for (let i = 0; i < 5; i++) expect(copy.normal()).toBe(rng.normal());
    expect(copy.uint32()).toBe(rng.uint32());
  });

  it('different seeds give different streams; 2^32 + 1 differs from 1 (high bits count)', () => {
    expect(createRng(1).uint32()).not.toBe(createRng(2).uint32());
    expect(createRng(1).uint32()).not.toBe(createRng(4294967297).uint32());
  });

  it('shuffle is a seeded permutation; pick and chance', () => {
    const a = createRng(5).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const b = createRng(5).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(['only'].map(() => createRng(1).pick(['only']))).toEqual(['only']);
    const rng = createRng(9);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });

  it('fork gives an independent, reproducible stream', () => {
    const f1 = createRng(3).fork();
    const f2 = createRng(3).fork();
    expect(f1.uint32()).toBe(f2.uint32());
    const parent = createRng(3);
    const child = parent.fork();
    expect(child.uint32()).not.toBe(parent.uint32());
  });

  it('bad seeds and bounds raise typed errors', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(() => createRng(bad)).toThrowError(/seed/);
    }
    expect(() => createRng({ algorithm: 'xoshiro128**', s: [0, 0, 0, 0], spare: null })).toThrowError(/RngState/);
    const rng = createRng(1);
    expect(() => rng.int(0)).toThrowError(/Invalid argument 'n'/);
    expect(() => rng.int(2.5)).toThrowError(/Invalid argument 'n'/);
    try {
      rng.pick([]);
      expect.unreachable();
    } catch (e) {
      expect(QfcnError.isInstance(e)).toBe(true);
    }
  });
});
