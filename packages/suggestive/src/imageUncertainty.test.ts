import { describe, expect, it } from 'vitest';
import { QfcnError } from '@qfcn/contract';
import { imageUncertainty } from './imageUncertainty';

const f = (...values: number[]) => new Float32Array(values);

describe('imageUncertainty', () => {
  it('imageUncertainty 2 members x 2 pixels: (0,1) and (1,1) → (0.25 + 0) / 2 = 0.125', () => {
    expect(imageUncertainty([f(0, 1), f(1, 1)])).toBe(0.125);
  });

  it('imageUncertainty 3 members x 1 pixel: 0, 0.5, 1 → population variance 1/6 (not sample variance 1/4)', () => {
    expect(imageUncertainty([f(0), f(0.5), f(1)])).toBeCloseTo(1 / 6, 15);
  });

  it('imageUncertainty 4 members x 3 pixels hand-computed', () => {
    // pixel 0: 0.2, 0.2, 0.2, 0.2 → 0
    // pixel 1: 0, 1, 0, 1 → mean 0.5, variance 0.25
    // pixel 2: 0.5, 0.5, 0.5, 0.9 → mean 0.6, deviations -0.1 x3, 0.3 → (0.03 + 0.09) / 4 = 0.03
    // image: (0 + 0.25 + 0.03) / 3 = 0.28 / 3
    const u = imageUncertainty([f(0.2, 0, 0.5), f(0.2, 1, 0.5), f(0.2, 0, 0.5), f(0.2, 1, 0.9)]);
    expect(u).toBeCloseTo(0.28 / 3, 7);
  });

  it('imageUncertainty identical members → exactly 0; a single member → 0', () => {
    const p = f(0.1, 0.7, 0.3333);
    expect(imageUncertainty([p, p, p, p, p])).toBe(0);
    expect(imageUncertainty([p])).toBe(0);
  });

  it('imageUncertainty maximal disagreement (half 0, half 1) is 0.25', () => {
    expect(imageUncertainty([f(0, 1, 0), f(1, 0, 1)])).toBe(0.25);
  });

  it('imageUncertainty accepts plain arrays', () => {
    expect(
      imageUncertainty([
        [0, 1],
        [1, 1],
      ]),
    ).toBe(0.125);
  });

  it('imageUncertainty bad input: no members, lengths 2 vs 3, empty maps, NaN → INVALID_ARGUMENT', () => {
    const bad: unknown[] = [[], [f(0, 1), f(0, 1, 1)], [f(), f()], [f(0, NaN), f(0, 1)], 'x', [null]];
    for (const input of bad) {
      try {
        imageUncertainty(input as Float32Array[]);
        expect.unreachable(`no error for ${String(input)}`);
      } catch (e) {
        expect(QfcnError.isInstance(e)).toBe(true);
        expect((e as QfcnError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });

  it('imageUncertainty error names the member with the wrong length', () => {
    expect(() => imageUncertainty([f(0, 1), f(0, 1), f(1)])).toThrow(/member 2 has 1 pixels, member 0 has 2/);
  });
});
