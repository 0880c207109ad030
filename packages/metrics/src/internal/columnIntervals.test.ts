import { describe, expect, it } from 'vitest';
import { labelMapFromRows as rows } from '../test/rows';
import { ColumnArray, ColumnIntervals } from './columnIntervals';
import { NO_TARGET, verticalPass } from './edt';
import { indexObjects } from './indexObjects';

describe('ColumnIntervals', () => {
  it('ColumnIntervals 4x6 vertical distances per column equal a full vertical pass', () => {
    const map = rows(['0 1 0 0', '0 1 0 1', '0 0 0 1', '1 0 0 0', '0 1 0 1', '0 1 0 0']);
    const o = indexObjects(map);
    const ci = new ColumnIntervals();
    ci.build(o, 1, 0, 0, 4);
    expect(ci.count).toBe(5); // col 0: [3]; col 1: [0-1], [4-5]; col 3: [1-2], [4]
    const arr = new ColumnArray();
    arr.w = 4;
    arr.col = new Int32Array(24);
    verticalPass(
      Uint8Array.from(map.data, (v) => (v ? 1 : 0)),
      1,
      4,
      6,
      arr.col,
    );
    const row = new Int32Array(4);
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 4; x++) expect(ci.distance(x, y)).toBe(arr.distance(x, y));
      ci.row(y, 4, row);
      expect(Array.from(row)).toEqual(Array.from(arr.col.subarray(y * 4, y * 4 + 4)));
    }
    expect(ci.distance(2, 0)).toBe(NO_TARGET);
    expect(ci.distance(1, 2)).toBe(1);
    expect(ci.distance(1, 3)).toBe(1);
  });

  it('ColumnIntervals 3x3 object in a window offset from the image origin', () => {
    const o = indexObjects(rows(['0 0 0', '0 0 7', '0 0 7']));
    const ci = new ColumnIntervals();
    ci.build(o, 1, 2, 1, 1); // window is column 2, rows 1..2
    expect(ci.count).toBe(1);
    expect(ci.distance(0, 0)).toBe(0);
    expect(ci.distance(0, 3)).toBe(2);
  });
});
