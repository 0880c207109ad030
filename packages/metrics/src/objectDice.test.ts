import { describe, expect, it } from 'vitest';
import { objectDice } from './objectDice';
import { labelMapFromRows as rows } from './test/rows';

describe('objectDice', () => {
  it('objectDice 5x5 identical maps: 1', () => {
    const m = rows(['1 1 0 2 2', '1 1 0 2 2', '0 0 0 0 0', '3 3 3 0 0', '0 0 0 0 0']);
    expect(objectDice(m, m)).toBe(1);
  });

  it('objectDice 5x5 gland shifted one pixel: 2*2/(4+4) = 0.5', () => {
    const gt = rows(['0 0 0 0 0', '0 1 1 0 0', '0 1 1 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['0 0 0 0 0', '0 0 1 1 0', '0 0 1 1 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectDice(seg, gt)).toBe(0.5);
  });

  it('objectDice 5x5 two touching glands merged: 2/3', () => {
    const gt = rows(['1 1 2 2 0', '1 1 2 2 0', '1 1 2 2 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['5 5 5 5 0', '5 5 5 5 0', '5 5 5 5 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectDice(seg, gt)).toBeCloseTo(2 / 3, 15);
  });

  it('objectDice 5x5 half-covered gland: (8/9 + 5/6)/2 = 31/36', () => {
    const gt = rows(['1 1 0 2 2', '1 1 0 2 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    const seg = rows(['1 1 0 0 2', '1 1 0 0 2', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 0']);
    expect(objectDice(seg, gt)).toBeCloseTo(31 / 36, 15);
  });

  it('objectDice 5x5 unmatched FP and FN score 0: (4/5 + 4/5)/2 = 0.8', () => {
    const gt = rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 0 0', '0 0 0 0 2']);
    const seg = rows(['1 1 0 0 0', '1 1 0 0 0', '0 0 0 0 0', '0 0 0 3 0', '0 0 0 0 0']);
    expect(objectDice(seg, gt)).toBeCloseTo(0.8, 15);
  });

  it('objectDice 6x2 tie on overlap picks the smaller label, which changes the value', () => {
    // G1 (4 px) is covered 2 px by S3 (2 px) and 2 px by S7 (4 px): G1 -> S3, Dice 2*2/(4+2) = 2/3
    // (S7 would give 2*2/(4+4) = 1/2). S3 -> G1: 2/3; S7 -> G1: 1/2.
    const gt = rows(['0 1 1 1 1 0', '0 0 0 0 0 0']);
    const seg = rows(['0 3 3 7 7 0', '0 0 0 7 7 0']);
    const sSide = (2 / 6) * (2 / 3) + (4 / 6) * (1 / 2);
    const gSide = 2 / 3;
    expect(objectDice(seg, gt)).toBeCloseTo((sSide + gSide) / 2, 15);
  });

  it('objectDice 3x3 both empty: 1; one empty: 0', () => {
    const empty = rows(['0 0 0', '0 0 0', '0 0 0']);
    const one = rows(['0 0 0', '0 4 0', '0 0 0']);
    expect(objectDice(empty, empty)).toBe(1);
    expect(objectDice(one, empty)).toBe(0);
    expect(objectDice(empty, one)).toBe(0);
  });

  it('objectDice 4x2 labels above 65535 give the same value as small labels', () => {
    const gt = rows(['70000 70000 0 3', '70000 70000 0 3'], { type: 'uint32' });
    const seg = rows(['0 4000000000 0 65536', '0 4000000000 0 65536'], { type: 'uint32' });
    expect(objectDice(seg, gt)).toBe(objectDice(rows(['0 1 0 2', '0 1 0 2']), rows(['2 2 0 1', '2 2 0 1'])));
  });
});
