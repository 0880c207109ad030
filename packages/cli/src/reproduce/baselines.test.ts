import { describe, expect, it } from 'vitest';
import type { Image } from '@qfcn/contract';
import { drawIds, foregroundAwareRandom, foregroundFraction, otsuThreshold } from './baselines';
import { roundSizes } from './runReproduction';

/** A 10×10 RGB image whose first `dark` pixels are dark (50) and the rest white (240). */
function image(dark: number): Image {
  const data = new Uint8Array(300).fill(240);
  for (let p = 0; p < dark; p++) data.fill(50, 3 * p, 3 * p + 3);
  return { width: 10, height: 10, channels: 3, data };
}

describe('foreground-aware random baseline', () => {
  it('Otsu separates dark from white; the fraction counts dark pixels', () => {
    const t = otsuThreshold([image(30), image(60)]);
    expect(t).toBeGreaterThan(50);
    expect(t).toBeLessThanOrEqual(240);
    expect(foregroundFraction(image(30), t)).toBeCloseTo(0.3, 10);
  });

  it('picks only images with likely foreground while there are enough, seeded, never the initial set', () => {
    const pool = [
      { id: 'a', image: image(40) },
      { id: 'b', image: image(0) },
      { id: 'c', image: image(50) },
      { id: 'd', image: image(2) },
      { id: 'e', image: image(30) },
    ];
    const r = foregroundAwareRandom(pool, ['a'], 2, 7);
    expect(r.eligible).toBe(2);
    expect(new Set(r.picked)).toEqual(new Set(['c', 'e']));
    expect(foregroundAwareRandom(pool, ['a'], 2, 7)).toEqual(r);
    // more than the eligible: the rest come from the others
    const more = foregroundAwareRandom(pool, ['a'], 4, 7);
    expect(more.picked.slice(0, 2).sort()).toEqual(['c', 'e']);
    expect(more.picked.slice(2).sort()).toEqual(['b', 'd']);
  });

  it('drawIds: seeded, without repeats', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const x = drawIds(ids, 3, 1);
    expect(new Set(x).size).toBe(3);
    expect(drawIds(ids, 3, 1)).toEqual(x);
  });
});

describe('roundSizes', () => {
  it('default: one round from half the budget to the budget', () => {
    expect(roundSizes({ budget: 0.5, picks: undefined, candidates: undefined }, 16)).toEqual({
      budget: 8,
      initial: 4,
      picks: 4,
      candidates: 8,
    });
    expect(roundSizes({ budget: 0.5, picks: undefined, candidates: undefined }, 5)).toEqual({
      budget: 3,
      initial: 1,
      picks: 2,
      candidates: 4,
    });
  });

  it('with picks: as many rounds of picks as fit, the initial set the rest', () => {
    expect(roundSizes({ budget: 0.5, picks: 2, candidates: undefined }, 16)).toEqual({
      budget: 8,
      initial: 2,
      picks: 2,
      candidates: 4,
    });
    expect(roundSizes({ budget: 0.5, picks: 3, candidates: 5 }, 16)).toEqual({
      budget: 8,
      initial: 2,
      picks: 3,
      candidates: 5,
    });
  });
});
