import { describe, expect, it } from 'vitest';
import {
  evaluateClaims,
  formatInterval,
  judgeBestOf,
  judgeNonInferiority,
  judgeSuperiority,
  meanInterval,
  rowKey,
  tQuantile975,
  verdictOf,
  type ClaimInputs,
} from './claims';

describe('meanInterval', () => {
  it('3 values 1, 2, 3 → mean 2, sd 1, half-width t(2)·1/√3 = 4.303/1.732', () => {
    const ci = meanInterval([1, 2, 3]);
    expect(ci.mean).toBe(2);
    expect(ci.sd).toBeCloseTo(1, 12);
    expect(ci.halfWidth).toBeCloseTo(4.303 / Math.sqrt(3), 6);
    expect(ci.low).toBeCloseTo(2 - 2.4844, 3);
    expect(ci.high).toBeCloseTo(2 + 2.4844, 3);
  });

  it('one value: mean, no interval; none: NaN; non-finite values dropped', () => {
    expect(meanInterval([0.5])).toMatchObject({ n: 1, mean: 0.5 });
    expect(Number.isNaN(meanInterval([0.5]).halfWidth)).toBe(true);
    expect(meanInterval([]).n).toBe(0);
    expect(meanInterval([1, NaN, 3]).mean).toBe(2);
  });

  it('t quantiles: table values and the large-df limit 1.96', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(4)).toBe(2.776);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile975(10_000)).toBeCloseTo(1.96, 3);
    expect(Number.isNaN(tQuantile975(0))).toBe(true);
  });
});

describe('verdicts on made-up paired results', () => {
  it('a consistent gain over 5 seeds → holds', () => {
    const a = [0.91, 0.92, 0.9, 0.93, 0.92];
    const b = [0.88, 0.9, 0.87, 0.9, 0.89];
    const j = judgeSuperiority(a, b);
    expect(j.differences.map((d) => +d.toFixed(3))).toEqual([0.03, 0.02, 0.03, 0.03, 0.03]);
    expect(j.ci.low).toBeGreaterThan(0);
    expect(j.verdict).toBe('holds');
  });

  it('a consistent loss → contradicted; mixed signs → not shown', () => {
    expect(judgeSuperiority([0.8, 0.81, 0.79], [0.85, 0.86, 0.85]).verdict).toBe('contradicted');
    expect(judgeSuperiority([0.9, 0.8, 0.85], [0.85, 0.85, 0.85]).verdict).toBe('not shown');
  });

  it('a gain in every seed but too noisy for 3 seeds → not shown (the interval crosses 0)', () => {
    // differences 0.001, 0.05, 0.002: mean 0.0177, sd 0.028, half-width 0.07
    expect(judgeSuperiority([0.901, 0.95, 0.902], [0.9, 0.9, 0.9]).verdict).toBe('not shown');
  });

  it('one seed never decides; unequal series are an error', () => {
    expect(judgeSuperiority([0.99], [0.1]).verdict).toBe('not shown');
    expect(() => judgeSuperiority([1, 2], [1])).toThrow(/differ in length/);
  });

  it('the verdict depends only on where the interval lies', () => {
    const base = { n: 3, mean: 0, sd: 1, halfWidth: 1 };
    expect(verdictOf({ ...base, low: 0.001, high: 2 })).toBe('holds');
    expect(verdictOf({ ...base, low: -2, high: -0.001 })).toBe('contradicted');
    expect(verdictOf({ ...base, low: 0, high: 2 })).toBe('not shown');
  });

  it('non-inferiority: slightly worse within the margin → holds; clearly worse → contradicted', () => {
    const all = [0.92, 0.93, 0.92, 0.91];
    expect(judgeNonInferiority([0.918, 0.926, 0.917, 0.908], all, 0.01).verdict).toBe('holds');
    expect(judgeNonInferiority([0.85, 0.86, 0.84, 0.85], all, 0.01).verdict).toBe('contradicted');
    expect(judgeNonInferiority([0.95, 0.86, 0.92, 0.88], all, 0.01).verdict).toBe('not shown');
    // the interval reported is of the difference itself, not shifted by the margin
    expect(judgeNonInferiority([0.918, 0.926, 0.917, 0.908], all, 0.01).ci.mean).toBeCloseTo(-0.00275, 6);
  });

  it('best-of: 7 bits against the better of 5 and 6 in each seed', () => {
    const b7 = [0.9, 0.91, 0.92];
    const b5 = [0.85, 0.86, 0.87];
    const b6 = [0.88, 0.93, 0.9];
    const j = judgeBestOf(b7, [b5, b6]);
    expect(j.differences.map((d) => +d.toFixed(3))).toEqual([0.02, -0.02, 0.02]);
    expect(j.verdict).toBe('not shown');
    expect(judgeBestOf(b7, [b5, [0.8, 0.8, 0.8]]).verdict).toBe('holds');
  });

  it('formatInterval: signed mean and bounds', () => {
    expect(formatInterval(meanInterval([0.01, 0.02, 0.03]))).toBe('+0.020 [-0.005, +0.045]');
    expect(formatInterval(meanInterval([0.01]))).toBe('+0.010 (1 seed, no interval)');
  });
});

describe('evaluateClaims', () => {
  const seeds = 4;
  const constant = (v: number, jitter = 0.002) =>
    Array.from({ length: seeds }, (_, i) => v + (i % 2 ? jitter : -jitter));
  const scores: Record<string, number[]> = {
    [rowKey('all', 'float', 1)]: constant(0.88),
    [rowKey('all', 'float', 5)]: constant(0.91),
    [rowKey('all', 'QNT-5', 5)]: constant(0.89),
    [rowKey('all', 'QNT-6', 5)]: constant(0.9),
    [rowKey('all', 'QNT-7', 5)]: constant(0.905),
    [rowKey('SA', 'float', 5)]: constant(0.905),
    [rowKey('QSA-7', 'float', 5)]: [0.9, 0.92, 0.89, 0.91],
    [rowKey('fg-random', 'float', 5)]: constant(0.85),
    [rowKey('random', 'float', 5)]: constant(0.84),
  };
  const input: ClaimInputs = {
    scores,
    bits: [5, 6, 7],
    qsaBits: [7],
    members: [1, 5],
    memory: { 5: { file: 5.1, kernels: 6.4 } },
    scoreName: 'testA object Dice',
  };
  const byId = Object.fromEntries(evaluateClaims(input).map((c) => [c.id, c]));

  it('judges each claim on the rows it names', () => {
    expect(byId.a!.measured).toMatch(/QSA-7 − SA, float ×5/);
    expect(byId.a!.verdict).toBe('not shown'); // QSA noisy around SA
    expect(byId['a′']!.verdict).toBe('holds'); // SA well above fg-random
    expect(byId['a″']!.verdict).toBe('holds');
    expect(byId.b!.verdict).toBe('contradicted'); // QNT-7 0.905 < float 0.91 in every seed
    expect(byId.b!.judgement!.ci.mean).toBeCloseTo(-0.005, 6);
    expect(byId.c!.verdict).toBe('holds'); // 0.905 > 0.9 in every seed
    expect(byId.d!.verdict).toBe('holds');
    expect(byId.d!.claim).toBe('5 FCNs beat 1');
    expect(byId.e!.verdict).toBe('holds');
    expect(byId.f!.verdict).toBe('holds'); // SA − all = −0.005 > −0.01
  });

  it('rows missing from the grid → not shown with a note; a small weight reduction → contradicted', () => {
    const some = evaluateClaims({
      ...input,
      bits: [5, 7],
      members: [5],
      memory: { 5: { file: 4, kernels: 5.9 } },
      scores: { [rowKey('all', 'float', 5)]: constant(0.9) },
    });
    const m = Object.fromEntries(some.map((c) => [c.id, c]));
    expect(m.a!.verdict).toBe('not shown');
    expect(m.a!.note).toMatch(/not measured/);
    expect(m.c!.note).toMatch(/5, 6 and 7/);
    expect(m.d!.note).toMatch(/ensemble sizes/);
    expect(m.e!.verdict).toBe('contradicted');
  });
});
