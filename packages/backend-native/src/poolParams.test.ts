import { backend_util } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { poolParams } from './poolParams';

describe('poolParams', () => {
  it('1x5x4x3, 2x2 stride 2 same: out 3x2, pad top 0 left 0', () => {
    // rows: out ceil(5/2) = 3, total pad (3-1)*2 + 2 - 5 = 1 → top 0, bottom 1.
    const info = backend_util.computePool2DInfo([1, 5, 4, 3], 2, 2, 1, 'same');
    expect(Array.from(poolParams(info))).toEqual([1, 5, 4, 3, 2, 2, 3, 2, 2, 2, 0, 0]);
  });
  it('2x7x7x1, 3x3 stride 1 same: pad 1 on each side', () => {
    const info = backend_util.computePool2DInfo([2, 7, 7, 1], 3, 1, 1, 'same');
    expect(Array.from(poolParams(info))).toEqual([2, 7, 7, 1, 3, 3, 7, 7, 1, 1, 1, 1]);
  });
});
