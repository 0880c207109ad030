import type { ProbabilityMap } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { toInstances } from './toInstances';

/** A probability map from rows of digits: '9' → 0.9, '1' → 0.1, '.' → 0. */
function map(rows: string[]): ProbabilityMap {
  const height = rows.length;
  const width = rows[0]!.length;
  const data = new Float32Array(width * height);
  rows.forEach((r, y) => [...r].forEach((ch, x) => (data[y * width + x] = ch === '.' ? 0 : Number(ch) / 10)));
  return { width, height, data };
}

const grid = (data: Int32Array, width: number) =>
  Array.from({ length: data.length / width }, (_, y) => Array.from(data.subarray(y * width, (y + 1) * width)).join(''));

describe('toInstances', () => {
  it('8x5: two touching objects split by a contour column grow back to cover it', () => {
    const object = map(['........', '.999999.', '.999999.', '.999999.', '........']);
    const contour = map(['........', '...9....', '...9....', '...9....', '........']);
    const out = toInstances({ object, contour }, { minArea: 1 });
    expect(out.count).toBe(2);
    // seeds: columns 1-2 (label 1) and 4-6 (label 2); the contour column 3 is nearer to… both at
    // distance 1: label 1 reaches first (earlier in raster order).
    expect(grid(out.data, 8)).toEqual(['00000000', '01112220', '01112220', '01112220', '00000000']);
  });

  it('minArea 4 drops a 3-pixel seed; its object pixels stay background', () => {
    const object = map(['99....999', '9.....999', '......999']);
    const contour = map(['.........', '.........', '.........']);
    const out = toInstances({ object, contour }, { minArea: 4 });
    expect(out.count).toBe(1);
    expect(grid(out.data, 9)).toEqual(['000000111', '000000111', '000000111']);
  });

  it('8x3 markerThreshold 0.8: two cores (0.9) joined by a 0.6 neck seed apart and share the neck; 0.5 keeps one object', () => {
    const object = map(['99666999', '99666999', '99666999']);
    const contour = map(['........', '........', '........']);
    expect(toInstances({ object, contour }, { minArea: 1 }).count).toBe(1);
    const out = toInstances({ object, contour }, { minArea: 1, markerThreshold: 0.8 });
    expect(out.count).toBe(2);
    // flat contour: the neck floods breadth-first from both cores; its middle column goes to the
    // seed that is earlier in raster order
    expect(grid(out.data, 8)).toEqual(['11112222', '11112222', '11112222']);
    expect(() => toInstances({ object, contour }, { markerThreshold: -0.1 })).toThrowError(/markerThreshold/);
  });

  it('connectivity 4 keeps diagonal seeds apart, 8 joins them', () => {
    const object = map(['99.', '99.', '..9']);
    const contour = map(['...', '...', '...']);
    expect(toInstances({ object, contour }, { minArea: 1 }).count).toBe(2);
    expect(toInstances({ object, contour }, { minArea: 1, connectivity: 8 }).count).toBe(1);
  });

  it('thresholds are strict: object exactly 0.5 is background, contour exactly 0.5 is not a seed', () => {
    const object = map(['55', '99']);
    const contour = map(['..', '5.']);
    const out = toInstances({ object, contour }, { minArea: 1 });
    // seed is (1,1) only; it grows to (0,1); row 0 is not object
    expect(grid(out.data, 2)).toEqual(['00', '11']);
  });

  it('all background → count 0, all-zero map', () => {
    const out = toInstances({ object: map(['11', '11']), contour: map(['..', '..']) });
    expect(out.count).toBe(0);
    expect(Array.from(out.data)).toEqual([0, 0, 0, 0]);
  });

  it('bad input: maps of different sizes, threshold 1.5, connectivity 6', () => {
    expect(() => toInstances({ object: map(['99']), contour: map(['9', '9']) })).toThrowError(
      /object map is 2x1 but contour map is 1x2/,
    );
    expect(() => toInstances({ object: map(['9']), contour: map(['9']) }, { objectThreshold: 1.5 })).toThrowError(
      /objectThreshold/,
    );
    expect(() => toInstances({ object: map(['9']), contour: map(['9']) }, { connectivity: 6 as 4 })).toThrowError(
      /connectivity/,
    );
  });

  it('9x1 watershed: objects meet on the contour ridge (x=6), where dilate meets half-way (x=4|5)', () => {
    const object = map(['999999999']);
    const contour = map(['.66666966.'.slice(0, 9)]);
    contour.data[8] = 0;
    const ws = toInstances({ object, contour }, { minArea: 1 });
    expect(grid(ws.data, 9)).toEqual(['111111222']);
    const bfs = toInstances({ object, contour }, { minArea: 1, method: 'dilate' });
    expect(grid(bfs.data, 9)).toEqual(['111112222']);
  });

  it('5x5 ring: the hole joins the object by default, stays background with fillHoles false', () => {
    const object = map(['.....', '.999.', '.9.9.', '.999.', '.....']);
    const contour = map(['.....', '.....', '.....', '.....', '.....']);
    expect(grid(toInstances({ object, contour }, { minArea: 1 }).data, 5)).toEqual([
      '00000',
      '01110',
      '01110',
      '01110',
      '00000',
    ]);
    expect(grid(toInstances({ object, contour }, { minArea: 1, fillHoles: false }).data, 5)).toEqual([
      '00000',
      '01110',
      '01010',
      '01110',
      '00000',
    ]);
  });

  it('7x6: an L-shaped hole (3 px) joins its instance; a notch open to the border stays background', () => {
    const object = map(['9999999', '9..9999', '9.99999', '9999999', '999.999', '999.999']);
    const contour = map(['.......', '.......', '.......', '.......', '.......', '.......']);
    expect(grid(toInstances({ object, contour }, { minArea: 1 }).data, 7)).toEqual([
      '1111111',
      '1111111',
      '1111111',
      '1111111',
      '1110111',
      '1110111',
    ]);
  });

  it('7x5: a hole inside one instance is filled; a gap touching two instances stays background', () => {
    const object = map(['.......', '.99999.', '.9.9.9.', '.99999.', '.......']);
    const contour = map(['.......', '...9...', '...9...', '...9...', '.......']);
    // seeds: columns 1-2 and 4-5; the contour column 3 goes to label 1 (reached first); hole (2,2)
    // touches only label 1 → filled; hole (4,2) touches label 1 at (3,2) and label 2 → stays background
    expect(grid(toInstances({ object, contour }, { minArea: 1 }).data, 7)).toEqual([
      '0000000',
      '0111220',
      '0111020',
      '0111220',
      '0000000',
    ]);
    const split = map(['.......', '.99999.', '.99.99.', '.99999.', '.......']);
    const wall = map(['.......', '...9...', '.......', '...9...', '.......']);
    // (3,2) is background between both instances' pixels: enclosed by two instances, so not filled
    expect(grid(toInstances({ object: split, contour: wall }, { minArea: 1 }).data, 7)[2]).toBe('0110220');
  });

  it('5x3: a background bay open to the border stays, the enclosed pixel at (3,1) is filled', () => {
    const object = map(['9.999', '9.9.9', '99999']);
    const contour = map(['.....', '.....', '.....']);
    expect(grid(toInstances({ object, contour }, { minArea: 1 }).data, 5)).toEqual(['10111', '10111', '11111']);
  });

  it('rejects an unknown method', () => {
    expect(() =>
      toInstances({ object: map(['9']), contour: map(['.']) }, { method: 'flood' as 'dilate' }),
    ).toThrowError(/method/);
  });

  describe('splitDepth: seeds cut at necks of their distance transform', () => {
    // two 5x5 blocks joined by a one-pixel neck at (6,3); the contour head saw no boundary
    const dumbbell = map([
      '.............',
      '.99999.99999.',
      '.99999.99999.',
      '.99999999999.',
      '.99999.99999.',
      '.99999.99999.',
      '.............',
    ]);
    const noContour = map(Array.from({ length: 7 }, () => '.............'));
    const run = (splitDepth: number) =>
      toInstances({ object: dumbbell, contour: noContour }, { minArea: 1, splitDepth });

    it('13x7 dumbbell: block centres 3 px (9 chamfer units) deep, the neck 1 px (3): depth 0 keeps one object, depth 1 splits it in two at the neck', () => {
      expect(run(0).count).toBe(1);
      const out = run(1);
      expect(out.count).toBe(2);
      const rows = grid(out.data, 13);
      for (const r of rows.slice(1, 6)) {
        expect(r.slice(1, 6)).toBe('11111');
        expect(r.slice(7, 12)).toBe('22222');
      }
      expect(['1', '2']).toContain(rows[3]![6]);
    });

    it('the peaks stand 2 px above the neck: depth 1.5 splits, depth 2 (not more than 2 px) and 5 keep one object', () => {
      expect(run(1.5).count).toBe(2);
      expect(run(2).count).toBe(1);
      expect(run(5).count).toBe(1);
    });

    it('a disc of radius 6 stays one object at depth 1; two apart stay two', () => {
      const rows = Array.from({ length: 15 }, (_, y) =>
        Array.from({ length: 32 }, (_, x) =>
          (x - 7) ** 2 + (y - 7) ** 2 <= 36 || (x - 23) ** 2 + (y - 7) ** 2 <= 36 ? '9' : '.',
        ).join(''),
      );
      const out = toInstances(
        { object: map(rows), contour: map(rows.map((r) => r.replace(/9/g, '.'))) },
        { minArea: 1, splitDepth: 1 },
      );
      expect(out.count).toBe(2);
      expect(out.data[7 * 32 + 7]).toBe(1);
      expect(out.data[7 * 32 + 23]).toBe(2);
    });

    it('never joins seed components: two 3x3 blocks touching at a corner stay two (connectivity 4) at any depth', () => {
      const corner = map(['.......', '.999...', '.999...', '.999...', '....999', '....999', '....999']);
      const flat = map(Array.from({ length: 7 }, () => '.......'));
      for (const splitDepth of [0, 1, 3])
        expect(toInstances({ object: corner, contour: flat }, { minArea: 1, splitDepth }).count).toBe(2);
    });

    it('rejects a negative or non-finite depth', () => {
      expect(() => run(-1)).toThrow(/splitDepth/);
      expect(() => run(Number.POSITIVE_INFINITY)).toThrow(/splitDepth/);
    });
  });
});

describe('toInstances with a distance map', () => {
  // two touching 5x5 objects, no contour seen between them; the distance peaks at each one's far side
  const object = map(Array(5).fill('9999999999'));
  const contour = map(Array(5).fill('..........'));
  const distance = map(Array(5).fill('9864224689'));

  it('10x5 two touching squares, contour missed: one object without the distance; distanceThreshold 0.5 seeds 3 columns each and splits them in the middle', () => {
    expect(toInstances({ object, contour, distance }, { minArea: 0 }).count).toBe(1);
    const split = toInstances({ object, contour, distance }, { minArea: 0, distanceThreshold: 0.5 });
    expect(split.count).toBe(2);
    expect(grid(split.data, 10)).toEqual(Array(5).fill('1111122222'));
  });

  it('distanceThreshold 0.85 keeps only the outermost columns as seeds: still two objects, same labels', () => {
    const split = toInstances({ object, contour, distance }, { minArea: 0, distanceThreshold: 0.85 });
    expect(grid(split.data, 10)).toEqual(Array(5).fill('1111122222'));
  });

  it('distanceThreshold without a distance map, out of [0, 1], or a distance map of another size → InvalidArgumentError', () => {
    expect(() => toInstances({ object, contour }, { distanceThreshold: 0.5 })).toThrow(
      /distanceThreshold.*no distance map/,
    );
    expect(() => toInstances({ object, contour, distance }, { distanceThreshold: 1.5 })).toThrow(
      /distanceThreshold.*\[0, 1\]/,
    );
    const small = map(['99', '99']);
    expect(() => toInstances({ object, contour, distance: small }, { distanceThreshold: 0.5 })).toThrow(
      /distance map is 2x2/,
    );
    // a distance map is ignored at the default threshold 0 (its size is not even read)
    expect(toInstances({ object, contour, distance: small }, { minArea: 0 }).count).toBe(1);
  });

  it('distanceDepth 0.5 splits the seed at the two peaks of the distance map (0.7 above the saddle), 0.8 keeps it whole', () => {
    expect(grid(toInstances({ object, contour, distance }, { minArea: 0, distanceDepth: 0.5 }).data, 10)).toEqual(
      Array(5).fill('1111122222'),
    );
    expect(toInstances({ object, contour, distance }, { minArea: 0, distanceDepth: 0.8 }).count).toBe(1);
  });

  it('14x3 one depth fits objects of every size: a small object (peak 0.3) keeps its seed where distanceThreshold 0.5 drops it', () => {
    const object3 = map(Array(3).fill('9999999999.999'));
    const contour3 = map(Array(3).fill('..............'));
    const distance3 = map(Array(3).fill('9876446789.232'));
    const output = { object: object3, contour: contour3, distance: distance3 };
    expect(grid(toInstances(output, { minArea: 0, distanceDepth: 0.1 }).data, 14)).toEqual(
      Array(3).fill('11111222220333'),
    );
    expect(grid(toInstances(output, { minArea: 0, distanceThreshold: 0.5 }).data, 14)).toEqual(
      Array(3).fill('11111222220000'),
    );
  });

  it('distanceDepth without a distance map, outside [0, 1), or with splitDepth → InvalidArgumentError', () => {
    expect(() => toInstances({ object, contour }, { distanceDepth: 0.2 })).toThrow(/distanceDepth.*no distance map/);
    for (const d of [1, -0.1, Number.NaN])
      expect(() => toInstances({ object, contour, distance }, { distanceDepth: d }), String(d)).toThrow(
        /distanceDepth.*\[0, 1\)/,
      );
    expect(() => toInstances({ object, contour, distance }, { distanceDepth: 0.2, splitDepth: 1 })).toThrow(
      /distanceDepth.*splitDepth/,
    );
  });
});
