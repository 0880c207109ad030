import { describe, expect, it } from 'vitest';
import { LabelValueError } from '../errors';
import { labelMapFromRows as rows } from '../test/rows';
import { indexObjects } from './indexObjects';

describe('indexObjects', () => {
  it('indexObjects 4x3 objects in raster order of first pixel, with areas, boxes and runs', () => {
    const o = indexObjects(rows(['70000 70000 0 9', '0 0 0 9', '3 0 0 70000'], { type: 'uint32' }));
    expect(o.count).toBe(3);
    expect(Array.from(o.labels)).toEqual([0, 70000, 9, 3]);
    expect(Array.from(o.area)).toEqual([0, 3, 2, 1]);
    expect(o.totalArea).toBe(6);
    // label 70000 is in two pieces: one object, its box spans both
    expect([o.minX[1], o.minY[1], o.maxX[1], o.maxY[1]]).toEqual([0, 0, 3, 2]);
    expect([o.minX[2], o.minY[2], o.maxX[2], o.maxY[2]]).toEqual([3, 0, 3, 1]);
    // runs in raster order: (y, x0, x1, id)
    const runs = Array.from(o.runY, (y, r) => [y, o.runX0[r], o.runX1[r], o.runId[r]]);
    expect(runs).toEqual([
      [0, 0, 1, 1],
      [0, 3, 3, 2],
      [1, 3, 3, 2],
      [2, 0, 0, 3],
      [2, 3, 3, 1],
    ]);
    expect(Array.from(o.rowStart)).toEqual([0, 2, 3, 5]);
    const of = (id: number) => Array.from(o.objectRuns.subarray(o.objectRunStart[id], o.objectRunStart[id + 1]));
    expect([of(1), of(2), of(3)]).toEqual([[0, 4], [1, 2], [3]]);
  });

  it('indexObjects 2x2 empty map: no objects, no runs', () => {
    const o = indexObjects(rows(['0 0', '0 0']));
    expect(o.count).toBe(0);
    expect(o.totalArea).toBe(0);
    expect(o.runY.length).toBe(0);
  });

  it('indexObjects 3x1 negative label in signed storage throws LabelValueError at its pixel', () => {
    const e = (() => {
      try {
        indexObjects({ width: 3, height: 1, data: new Int32Array([0, 0, -4]) }, 'seg');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(LabelValueError);
    expect((e as LabelValueError).index).toBe(2);
  });
});
