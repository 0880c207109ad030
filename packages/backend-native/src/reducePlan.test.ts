import { describe, expect, it } from 'vitest';
import { reducePlan } from './reducePlan';

describe('reducePlan', () => {
  it('4x8x8x16 over [0,1,2] (per channel) → outer 1, r 256, inner 16', () => {
    expect(reducePlan([4, 8, 8, 16], [0, 1, 2])).toEqual({ outer: 1, r: 256, inner: 16 });
  });
  it('4x8x8x16 over [1,2] (global average pooling) → outer 4, r 64, inner 16', () => {
    expect(reducePlan([4, 8, 8, 16], [1, 2])).toEqual({ outer: 4, r: 64, inner: 16 });
  });
  it('4x8x8x16 over [3] → outer 256, r 16, inner 1', () => {
    expect(reducePlan([4, 8, 8, 16], [3])).toEqual({ outer: 256, r: 16, inner: 1 });
  });
  it('2x1x5 over [0, 2] ignores the size-1 middle: one block of 10', () => {
    expect(reducePlan([2, 1, 5], [0, 2])).toEqual({ outer: 1, r: 10, inner: 1 });
  });
  it('3x1x4 over [1] (only a size-1 dim) → r 1, a copy', () => {
    expect(reducePlan([3, 1, 4], [1])).toEqual({ outer: 12, r: 1, inner: 1 });
  });
  it('2x3x4 over [0, 2] (two separate blocks) → null', () => {
    expect(reducePlan([2, 3, 4], [0, 2])).toBeNull();
  });
});
