import { describe, expect, it } from 'vitest';
import { matMulGeometry } from './matMulGeometry';

describe('matMulGeometry', () => {
  it('2x3x4 @ 4x5: b broadcasts over a batch of 2', () => {
    expect(matMulGeometry([2, 3, 4], [4, 5])).toEqual({ batchA: 2, batchB: 1, m: 3, k: 4, n: 5, outShape: [2, 3, 5] });
  });
  it('4x3ᵀ @ 5x4ᵀ → 3x5', () => {
    expect(matMulGeometry([4, 3], [5, 4], { transposeA: true, transposeB: true })).toEqual({
      batchA: 1,
      batchB: 1,
      m: 3,
      k: 4,
      n: 5,
      outShape: [3, 5],
    });
  });
  it('2x3x6x4 @ 2x3x4x5 keeps both batch dims', () => {
    expect(matMulGeometry([2, 3, 6, 4], [2, 3, 4, 5])).toMatchObject({ batchA: 6, batchB: 6, outShape: [2, 3, 6, 5] });
  });
  it('1x1x3x4 @ 2x4x5: a single matrix broadcasts to [1, 2]', () => {
    expect(matMulGeometry([1, 1, 3, 4], [2, 4, 5])).toMatchObject({ batchA: 1, batchB: 2, outShape: [1, 2, 3, 5] });
  });
  it('declines inner mismatch, rank 1, partial broadcast, non-broadcastable batches and empty sizes', () => {
    expect(matMulGeometry([3, 4], [5, 6])).toBe('BatchMatMul: inner dimensions 4 and 5 differ');
    expect(matMulGeometry([4], [4, 5])).toBe('BatchMatMul: rank below 2');
    expect(matMulGeometry([2, 3, 3, 4], [1, 3, 4, 5])).toBe('BatchMatMul: partial batch broadcasting');
    expect(matMulGeometry([2, 3, 4], [3, 4, 5])).toBe('BatchMatMul: batch dimensions do not broadcast');
    expect(matMulGeometry([0, 4], [4, 5])).toBe('BatchMatMul: empty tensor');
  });
});
