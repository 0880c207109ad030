import { describe, expect, it } from 'vitest';
import { LabelValueError } from '../errors';
import { labelMapFromRows as rows } from '../test/rows';
import { overlapTable } from './overlapTable';

const pairs = (t: ReturnType<typeof overlapTable>) =>
  Array.from(t.pairS, (i, k) => [t.s.labels[i], t.g.labels[t.pairG[k]!], t.overlap[k]]);

describe('overlapTable', () => {
  it('overlapTable 5x2: areas, ids in ascending label order, pairs sorted by (s, g) with shared pixels', () => {
    const s = rows(['9 9 9 0 4', '0 9 4 4 4']);
    const g = rows(['2 2 7 7 7', '0 0 7 7 0']);
    const t = overlapTable(s, g);
    expect(Array.from(t.s.labels)).toEqual([0, 4, 9]);
    expect(Array.from(t.s.area)).toEqual([0, 4, 4]);
    expect(Array.from(t.g.labels)).toEqual([0, 2, 7]);
    expect(Array.from(t.g.area)).toEqual([0, 2, 5]);
    expect([t.s.totalArea, t.g.totalArea]).toEqual([8, 7]);
    expect(pairs(t)).toEqual([
      [4, 7, 3],
      [9, 2, 2],
      [9, 7, 1],
    ]);
  });

  it('overlapTable 4x3: a run of one label pair continuing over the row end is counted once per pixel', () => {
    const s = rows(['0 0 1 1', '1 1 1 0', '0 0 0 0']);
    const g = rows(['0 0 3 3', '3 3 0 0', '0 0 0 3']);
    const t = overlapTable(s, g);
    expect(pairs(t)).toEqual([[1, 3, 4]]);
    expect([t.s.area[1], t.g.area[1]]).toEqual([5, 5]);
  });

  it('overlapTable 3x3: a label in two pieces is one object; huge non-consecutive labels (uint32)', () => {
    const s = rows(['4000000000 0 4000000000', '0 0 0', '65535 0 1000000']);
    const g = rows(['5 0 5', '0 0 0', '5 0 0']);
    const t = overlapTable(s, g);
    expect(t.s.count).toBe(3);
    expect(Array.from(t.s.labels)).toEqual([0, 65535, 1000000, 4000000000]);
    expect(Array.from(t.s.area)).toEqual([0, 1, 1, 2]);
    expect(t.g.count).toBe(1);
    expect(t.g.area[1]).toBe(3);
    expect(pairs(t)).toEqual([
      [65535, 5, 1],
      [4000000000, 5, 2],
    ]);
  });

  it('overlapTable 3x2 all background: no objects, no pairs', () => {
    const z = rows(['0 0 0', '0 0 0']);
    const t = overlapTable(z, z);
    expect([t.s.count, t.g.count, t.numPairs, t.s.totalArea, t.g.totalArea]).toEqual([0, 0, 0, 0, 0]);
  });

  it('overlapTable 3x1 int32 storage with a negative label throws LabelValueError naming the map and pixel', () => {
    const g = { width: 3, height: 1, data: new Int32Array([1, 0, -2]) };
    const s = rows(['1 1 1']);
    let err: unknown;
    try {
      overlapTable(s, g, 'img: segmentation', 'img: groundTruth');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LabelValueError);
    expect((err as LabelValueError).index).toBe(2);
    expect((err as Error).message).toContain('img: groundTruth');
  });
});
