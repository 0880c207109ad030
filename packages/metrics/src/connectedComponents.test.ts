import { describe, expect, it } from 'vitest';
import { connectedComponents } from './connectedComponents';
import { labelMapFromRows as rows } from './test/rows';

describe('connectedComponents', () => {
  const mask = rows(['1 0 0 1 1', '0 1 0 0 1', '0 1 0 1 0', '0 0 0 0 0', '1 1 0 0 1']);

  it('connectedComponents 5x5 8-connected: diagonal neighbours join, labels in raster order', () => {
    const r = connectedComponents(mask);
    expect(r.count).toBe(4);
    expect(Array.from(r.data)).toEqual([1, 0, 0, 2, 2, 0, 1, 0, 0, 2, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 4]);
  });

  it('connectedComponents 5x5 4-connected: diagonal neighbours stay apart', () => {
    const r = connectedComponents(mask, { connectivity: 4 });
    expect(r.count).toBe(6);
    expect(Array.from(r.data)).toEqual([1, 0, 0, 2, 2, 0, 3, 0, 0, 2, 0, 3, 0, 4, 0, 0, 0, 0, 0, 0, 5, 5, 0, 0, 6]);
  });

  it('connectedComponents 4x3 U shape: two arms met late are one component numbered by first pixel', () => {
    const u = rows(['1 0 0 1', '1 0 0 1', '1 1 1 1']);
    const r = connectedComponents(u, { connectivity: 4 });
    expect(r.count).toBe(1);
    expect(Array.from(r.data)).toEqual([1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('connectedComponents 3x2 different non-zero labels touching form one component (mask is binary)', () => {
    const r = connectedComponents(rows(['7 9 0', '0 0 300']));
    expect(r.count).toBe(1);
    expect(Array.from(r.data)).toEqual([1, 1, 0, 0, 0, 1]);
  });

  it('connectedComponents 3x3 all zero: count 0; all one: count 1', () => {
    expect(connectedComponents(rows(['0 0 0', '0 0 0', '0 0 0'])).count).toBe(0);
    expect(connectedComponents(rows(['1 1 1', '1 1 1', '1 1 1'])).count).toBe(1);
  });

  it('connectedComponents returns Int32Array data and rejects connectivity 6', () => {
    expect(connectedComponents(mask).data).toBeInstanceOf(Int32Array);
    expect(() => connectedComponents(mask, { connectivity: 6 as never })).toThrow(/connectivity/);
  });
});
