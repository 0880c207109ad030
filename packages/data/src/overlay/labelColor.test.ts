import { describe, expect, it } from 'vitest';
import { labelColor } from './labelColor';

describe('labelColor', () => {
  it('label 0 is black, label 1 is hue 0 (red) at saturation 0.85', () => {
    expect(labelColor(0)).toEqual([0, 0, 0]);
    expect(labelColor(1)).toEqual([255, 38, 38]);
  });

  it('labels 1..50 are pairwise distinct and each channel is in 0..255', () => {
    const seen = new Set<string>();
    for (let l = 1; l <= 50; l++) {
      const c = labelColor(l);
      for (const v of c) expect(v >= 0 && v <= 255 && Number.isInteger(v)).toBe(true);
      seen.add(c.join(','));
    }
    expect(seen.size).toBe(50);
  });

  it('consecutive labels differ clearly (sum of channel differences > 100)', () => {
    for (let l = 1; l < 100; l++) {
      const a = labelColor(l);
      const b = labelColor(l + 1);
      expect(Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2])).toBeGreaterThan(100);
    }
  });
});
