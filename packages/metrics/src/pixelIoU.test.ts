import { describe, expect, it } from 'vitest';
import { pixelDice } from './pixelDice';
import { pixelIoU } from './pixelIoU';
import { labelMapFromRows as rows } from './test/rows';

describe('pixelIoU', () => {
  it('pixelIoU 4x1 half overlap: 1/3', () => {
    expect(pixelIoU(rows(['1 1 0 0']), rows(['0 1 1 0']))).toBeCloseTo(1 / 3, 15);
  });
  it('pixelIoU 5x2 relates to pixelDice by IoU = D/(2 − D)', () => {
    const s = rows(['1 1 1 0 0', '0 3 3 0 0']);
    const g = rows(['0 1 1 1 0', '0 0 2 2 0']);
    const d = pixelDice(s, g);
    expect(pixelIoU(s, g)).toBeCloseTo(d / (2 - d), 15);
    expect(pixelIoU(s, g)).toBeCloseTo(3 / 7, 15);
  });
  it('pixelIoU 2x2 both empty: 1; disjoint: 0', () => {
    expect(pixelIoU(rows(['0 0', '0 0']), rows(['0 0', '0 0']))).toBe(1);
    expect(pixelIoU(rows(['1 0', '0 0']), rows(['0 0', '0 1']))).toBe(0);
  });
});
