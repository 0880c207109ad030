import { describe, expect, it } from 'vitest';
import { labelMapFromRows as rows } from '../test/rows';
import { indexObjects } from './indexObjects';
import { matchObjects } from './matchObjects';

describe('matchObjects', () => {
  it('matchObjects 5x2 most-overlapping label, background ignored, ties to the smaller label', () => {
    // S1 covers 1 px of G4, 1 px of G6 and 3 px of background -> tie -> G4.
    // S2 covers 2 px of G6 -> G6. G4 -> S1 (1 px); G6 -> S2 (2 px beats S1's 1 px).
    const s = indexObjects(rows(['1 1 1 1 1', '0 0 2 2 0']));
    const g = indexObjects(rows(['4 0 0 0 6', '0 0 6 6 0']));
    const m = matchObjects(s, g);
    expect(Array.from(m.sMatch, (id) => g.labels[id])).toEqual([0, 4, 6]);
    expect(Array.from(m.sOverlap)).toEqual([0, 1, 2]);
    expect(Array.from(m.gMatch, (id) => s.labels[id])).toEqual([0, 1, 2]);
    expect(Array.from(m.gOverlap)).toEqual([0, 1, 2]);
  });

  it('matchObjects 4x1 tie between labels seen in the opposite order still picks the smaller label', () => {
    // S5 overlaps G9 (first in raster order) and G2 by one pixel each -> G2.
    const s = indexObjects(rows(['5 5 0 0']));
    const g = indexObjects(rows(['9 2 0 0']));
    const m = matchObjects(s, g);
    expect(g.labels[m.sMatch[1]!]).toBe(2);
  });

  it('matchObjects 3x1 an object overlapping only background has match 0', () => {
    const s = indexObjects(rows(['1 0 2']));
    const g = indexObjects(rows(['0 0 5']));
    const m = matchObjects(s, g);
    expect(Array.from(m.sMatch)).toEqual([0, 0, 1]);
    expect(Array.from(m.gMatch, (id) => s.labels[id])).toEqual([0, 2]);
  });
});
