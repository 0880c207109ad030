import { describe, expect, it } from 'vitest';
import { pixelDice } from './pixelDice';
import { labelMapFromRows as rows } from './test/rows';

describe('pixelDice', () => {
  it('pixelDice 4x1 half overlap: 2·1/(2+2) = 0.5', () => {
    expect(pixelDice(rows(['1 1 0 0']), rows(['0 1 1 0']))).toBe(0.5);
  });
  it('pixelDice 5x5 merged touching glands are perfect at pixel level (labels ignored)', () => {
    const gt = rows(['1 1 2 2 0', '1 1 2 2 0', '1 1 2 2 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['5 5 5 5 0', '5 5 5 5 0', '5 5 5 5 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(pixelDice(seg, gt)).toBe(1);
  });
  it('pixelDice 2x2 both empty: 1; one empty: 0', () => {
    expect(pixelDice(rows(['0 0', '0 0']), rows(['0 0', '0 0']))).toBe(1);
    expect(pixelDice(rows(['0 0', '0 1']), rows(['0 0', '0 0']))).toBe(0);
  });
  it('pixelDice rejects maps of different sizes', () => {
    expect(() => pixelDice(rows(['0 0']), rows(['0', '0']))).toThrow(/sizes differ/);
  });
});
