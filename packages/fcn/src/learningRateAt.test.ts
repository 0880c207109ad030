import { describe, expect, it } from 'vitest';
import { learningRateAt } from './learningRateAt';

describe('learningRateAt', () => {
  it('constant by default: every step gets the base rate', () => {
    expect([0, 5, 99].map((s) => learningRateAt(s, 100, 1e-3))).toEqual([1e-3, 1e-3, 1e-3]);
  });

  it('warm-up 4 steps of base 1: 0.25, 0.5, 0.75, 1, then the decay starts at 1', () => {
    const r = [0, 1, 2, 3, 4].map((s) => learningRateAt(s, 14, 1, { warmupSteps: 4, decay: 'cosine' }));
    expect(r).toEqual([0.25, 0.5, 0.75, 1, 1]);
  });

  it('cosine over 11 steps from 1 to 0: half way 0.5, last step 0, past the end 0', () => {
    expect(learningRateAt(5, 11, 1, { decay: 'cosine' })).toBeCloseTo(0.5, 15);
    expect(learningRateAt(10, 11, 1, { decay: 'cosine' })).toBe(0);
    expect(learningRateAt(20, 11, 1, { decay: 'cosine' })).toBe(0);
    // t = 0.25: (1 + cos(pi/4)) / 2
    expect(learningRateAt(1, 5, 1, { decay: 'cosine' })).toBeCloseTo((1 + Math.SQRT1_2) / 2, 15);
  });

  it('cosine with a floor 0.1: ends at the floor, half way at 0.55', () => {
    expect(learningRateAt(10, 11, 1, { decay: 'cosine', minLearningRate: 0.1 })).toBeCloseTo(0.1, 15);
    expect(learningRateAt(5, 11, 1, { decay: 'cosine', minLearningRate: 0.1 })).toBeCloseTo(0.55, 15);
  });

  it('poly power 2 over 5 steps: (1 - t)^2 = 1, 0.5625, 0.25, 0.0625, 0', () => {
    const r = [0, 1, 2, 3, 4].map((s) => learningRateAt(s, 5, 1, { decay: 'poly', power: 2 }));
    expect(r).toEqual([1, 0.5625, 0.25, 0.0625, 0]);
  });

  it('decaySteps 5 of a 10-step run: cosine reaches the floor 0.1 at step 4 and stays there', () => {
    const r = [0, 2, 4, 7, 9].map((s) =>
      learningRateAt(s, 10, 1, { decay: 'cosine', minLearningRate: 0.1, decaySteps: 5 }),
    );
    expect(r[0]).toBe(1);
    expect(r[1]).toBeCloseTo(0.55, 15);
    expect(r.slice(2)).toEqual([0.1, 0.1, 0.1].map((v) => expect.closeTo(v, 15)));
  });

  it('afterDecayLearningRate 0.3 after a 5-step cosine to 0.1 of a 10-step run: 1, 0.55, 0.1, then 0.3 from step 5', () => {
    const schedule = { decay: 'cosine', minLearningRate: 0.1, decaySteps: 5, afterDecayLearningRate: 0.3 } as const;
    const r = [0, 2, 4, 5, 9].map((s) => learningRateAt(s, 10, 1, schedule));
    expect(r[0]).toBe(1);
    expect(r[1]).toBeCloseTo(0.55, 15);
    expect(r[2]).toBeCloseTo(0.1, 15);
    expect(r.slice(3)).toEqual([0.3, 0.3]);
  });

  it('rejects bad settings, naming them', () => {
    expect(() => learningRateAt(-1, 10, 1)).toThrow(/step/);
    expect(() => learningRateAt(0, 0, 1)).toThrow(/totalSteps/);
    expect(() => learningRateAt(0, 10, 0)).toThrow(/learningRate/);
    expect(() => learningRateAt(0, 10, 1, { warmupSteps: 1.5 })).toThrow(/warmupSteps/);
    expect(() => learningRateAt(0, 10, 1, { minLearningRate: 2 })).toThrow(/minLearningRate/);
    expect(() => learningRateAt(0, 10, 1, { decay: 'step' as 'poly' })).toThrow(/decay/);
    expect(() => learningRateAt(0, 10, 1, { decaySteps: 0 })).toThrow(/decaySteps/);
    expect(() => learningRateAt(0, 10, 1, { afterDecayLearningRate: 0 })).toThrow(/afterDecayLearningRate/);
    expect(() => learningRateAt(0, 10, 1, { afterDecayLearningRate: 1.5 })).toThrow(/afterDecayLearningRate/);
  });
});
