import { describe, expect, it } from 'vitest';
import { discSamples } from './discSamples';

describe('discSamples', () => {
  it('2 samples 32x32 with 3 discs: ids, label values ⊆ 0..3, image colour follows the label', () => {
    const samples = discSamples(2, { seed: 1 });
    expect(samples.map((s) => s.id)).toEqual(['disc_0', 'disc_1']);
    for (const s of samples) {
      const labels = new Set(s.label!.data);
      expect([...labels].every((l) => l >= 0 && l <= 3)).toBe(true);
      expect(labels.size).toBeGreaterThan(1);
      for (let i = 0; i < 32 * 32; i++) {
        expect(s.image.data[3 * i]).toBe(s.label!.data[i]! > 0 ? 120 : 230);
      }
    }
  });

  it('same seed → same samples; other seed → other discs', () => {
    expect(discSamples(1, { seed: 5 })[0]!.label!.data).toEqual(discSamples(1, { seed: 5 })[0]!.label!.data);
    expect(discSamples(1, { seed: 5 })[0]!.label!.data).not.toEqual(discSamples(1, { seed: 6 })[0]!.label!.data);
  });
});
