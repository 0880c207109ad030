import { backend_util } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { convParams } from './convParams';

describe('convParams', () => {
  it('2x7x9x3 → 5, 3x3 stride 2 same: out 4x5, pads (top 1, left 1, bottom 1, right 1)', () => {
    // rows: out ceil(7/2) = 4, total pad (4-1)*2 + 3 - 7 = 2; cols: out 5, total pad (5-1)*2 + 3 - 9 = 2.
    const info = backend_util.computeConv2DInfo([2, 7, 9, 3], [3, 3, 3, 5], 2, 1, 'same');
    expect(Array.from(convParams(info))).toEqual([2, 7, 9, 3, 3, 3, 5, 4, 5, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  });
  it('1x8x8x4 → 2, 3x3 valid dilation 2 NCHW, relu with bias', () => {
    // NCHW input [1, 4, 8, 8]; effective kernel 5 → out 4x4.
    const info = backend_util.computeConv2DInfo(
      [1, 4, 8, 8],
      [3, 3, 4, 2],
      1,
      2,
      'valid',
      undefined,
      false,
      'channelsFirst',
    );
    expect(Array.from(convParams(info, { activation: 1, hasBias: true }))).toEqual([
      1, 8, 8, 4, 3, 3, 2, 4, 4, 1, 1, 2, 2, 0, 0, 0, 0, 1, 1, 1,
    ]);
  });
});
