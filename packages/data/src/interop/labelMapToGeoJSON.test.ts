import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelMap } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { readLabelMap } from '../io/readLabelMap';
import { sharedPath } from '../io/testing/sharedData';
import { createRng } from '../rng/createRng';
import type { GeoJSONFeatureCollection, GeoJSONPosition } from './geojson';
import { geoJSONToLabelMap } from './geoJSONToLabelMap';
import { labelMapToGeoJSON } from './labelMapToGeoJSON';
import { findCrossing } from './polygon';

/** A label map from rows of digits / numbers, e.g. map(['110', '010']). */
const map = (rows: (string | number[])[]): LabelMap => {
  const height = rows.length;
  const width = rows[0]!.length;
  const data = new Uint32Array(width * height);
  rows.forEach((r, y) => {
    for (let x = 0; x < width; x++) data[y * width + x] = typeof r === 'string' ? Number(r[x]) : r[x]!;
  });
  return { width, height, data };
};
const square = (x: number, y: number, s = 1): number[][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const area = (ring: GeoJSONPosition[]): number => {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a / 2;
};
const polygonsOf = (fc: GeoJSONFeatureCollection, i: number): GeoJSONPosition[][][] => {
  const g = fc.features[i]!.geometry;
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
};
const roundTrip = (m: LabelMap): void => {
  const back = geoJSONToLabelMap(labelMapToGeoJSON(m), m);
  expect([back.width, back.height]).toEqual([m.width, m.height]);
  let diff = 0;
  for (let i = 0; i < m.data.length; i++) if (back.data[i] !== m.data[i]) diff++;
  expect(diff).toBe(0);
};

/** Number of 4-connected pieces per label. */
const pieceCounts = (m: LabelMap): Map<number, number> => {
  const { width: W, height: H, data } = m;
  const seen = new Uint8Array(W * H);
  const counts = new Map<number, number>();
  for (let s = 0; s < W * H; s++) {
    if (data[s] === 0 || seen[s]) continue;
    counts.set(data[s]!, (counts.get(data[s]!) ?? 0) + 1);
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % W;
      for (const q of [x > 0 ? p - 1 : -1, x < W - 1 ? p + 1 : -1, p - W, p + W]) {
        if (q >= 0 && q < W * H && !seen[q] && data[q] === data[p]) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
  }
  return counts;
};

/** Checks every ring is closed, simple, integer, free of collinear points, rightly oriented; polygons don't cross. */
const expectValid = (m: LabelMap, fc: GeoJSONFeatureCollection): void => {
  const pieces = pieceCounts(m);
  expect(fc.features.map((f) => (f.properties as { label: number }).label)).toEqual(
    [...pieces.keys()].sort((a, b) => a - b),
  );
  const problems: string[] = [];
  fc.features.forEach((f, i) => {
    const label = (f.properties as { label: number }).label;
    const polygons = polygonsOf(fc, i);
    if (
      f.geometry.type !== (pieces.get(label) === 1 ? 'Polygon' : 'MultiPolygon') ||
      polygons.length !== pieces.get(label)
    ) {
      problems.push(`label ${label}: ${f.geometry.type} of ${polygons.length} for ${pieces.get(label)} pieces`);
    }
    for (const rings of polygons) {
      rings.forEach((ring, r) => {
        const at = `label ${label} ring ${r}`;
        const corners = ring.slice(0, -1);
        if (ring[0]![0] !== ring[ring.length - 1]![0] || ring[0]![1] !== ring[ring.length - 1]![1])
          problems.push(`${at}: not closed`);
        if (corners.length < 4) problems.push(`${at}: ${corners.length} corners`);
        if (new Set(corners.map((p) => `${p[0]},${p[1]}`)).size !== corners.length)
          problems.push(`${at}: a vertex twice (self-touching)`);
        for (let k = 0; k < corners.length; k++) {
          const a = corners[k]!,
            b = corners[(k + 1) % corners.length]!,
            c = corners[(k + 2) % corners.length]!;
          if (!Number.isInteger(a[0]) || !Number.isInteger(a[1])) problems.push(`${at}: non-integer vertex`);
          if (a[0] !== b[0] && a[1] !== b[1]) problems.push(`${at}: edge off the pixel grid`);
          if ((a[0] === b[0] && b[0] === c[0]) || (a[1] === b[1] && b[1] === c[1]))
            problems.push(`${at}: collinear point ${b}`);
        }
        const top = corners.reduce((best, p) => (p[1] < best[1] || (p[1] === best[1] && p[0] < best[0]) ? p : best));
        if (ring[0] !== top) problems.push(`${at}: does not start at its top-left vertex`);
        if (r === 0 ? area(ring) <= 0 : area(ring) >= 0) problems.push(`${at}: wrong orientation (area ${area(ring)})`);
      });
      if (findCrossing(rings.map((ring) => ring.slice(0, -1).flat())) !== null)
        problems.push(`label ${label}: rings cross`);
    }
  });
  expect(problems).toEqual([]);
};

describe('labelMapToGeoJSON: exact polygons of tiny label maps', () => {
  it('a single pixel: one Polygon, the pixel square, QuPath detection properties', () => {
    expect(labelMapToGeoJSON(map(['000', '010', '000']))).toEqual({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [square(1, 1)] },
          properties: { objectType: 'detection', label: 1 },
        },
      ],
    });
  });

  it('an L shape: corners only, collinear points merged, positive shoelace area (clockwise on screen)', () => {
    const fc = labelMapToGeoJSON(map(['100', '100', '110']));
    expect(fc.features[0]!.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 2],
          [2, 2],
          [2, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    });
    expect(area((fc.features[0]!.geometry.coordinates as GeoJSONPosition[][])[0]!)).toBe(4);
  });

  it('a ring with a hole: the outer ring, then the hole with negative area', () => {
    const fc = labelMapToGeoJSON(map(['111', '101', '111']));
    const rings = fc.features[0]!.geometry.coordinates as GeoJSONPosition[][];
    expect(rings).toEqual([
      square(0, 0, 3),
      [
        [1, 1],
        [1, 2],
        [2, 2],
        [2, 1],
        [1, 1],
      ],
    ]);
    expect(rings.map(area)).toEqual([9, -1]);
  });

  it("an object inside another object's hole is a feature of its own", () => {
    const fc = labelMapToGeoJSON(map(['11111', '10001', '10201', '10001', '11111']));
    expect(fc.features.map((f) => f.geometry)).toEqual([
      {
        type: 'Polygon',
        coordinates: [
          square(0, 0, 5),
          [
            [1, 1],
            [1, 4],
            [4, 4],
            [4, 1],
            [1, 1],
          ],
        ],
      },
      { type: 'Polygon', coordinates: [square(2, 2)] },
    ]);
  });

  it('two pieces of one label touching only at a corner: a MultiPolygon of two squares meeting at a point', () => {
    const fc = labelMapToGeoJSON(map(['10', '01']));
    expect(fc.features[0]!.geometry).toEqual({ type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(1, 1)]] });
    roundTrip(map(['10', '01']));
  });

  it('a diagonal pinch inside one piece: the outer ring and the hole touch at one point, neither touches itself', () => {
    const m = map(['111', '101', '110']);
    const fc = labelMapToGeoJSON(m);
    expect(fc.features[0]!.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 2],
          [2, 2],
          [2, 3],
          [0, 3],
          [0, 0],
        ],
        [
          [1, 1],
          [1, 2],
          [2, 2],
          [2, 1],
          [1, 1],
        ],
      ],
    });
    expectValid(m, fc);
    roundTrip(m);
  });

  it('two holes of one piece touching at a corner stay two rings', () => {
    const m = map(['1111', '1011', '1101', '1111']);
    const fc = labelMapToGeoJSON(m);
    expect(fc.features[0]!.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        square(0, 0, 4),
        [
          [1, 1],
          [1, 2],
          [2, 2],
          [2, 1],
          [1, 1],
        ],
        [
          [2, 2],
          [2, 3],
          [3, 3],
          [3, 2],
          [2, 2],
        ],
      ],
    });
    roundTrip(m);
  });

  it('a checkerboard: every pixel a square of a MultiPolygon, two features', () => {
    const m = map(['1212', '2121', '1212']);
    const fc = labelMapToGeoJSON(m);
    expect(fc.features.map((f) => [f.geometry.type, f.geometry.coordinates.length])).toEqual([
      ['MultiPolygon', 6],
      ['MultiPolygon', 6],
    ]);
    expect(polygonsOf(fc, 1)[0]).toEqual([square(1, 0)]);
    expectValid(m, fc);
    roundTrip(m);
  });

  it('labels 65535 and non-contiguous labels keep their values (Uint16Array back); larger labels give a Uint32Array', () => {
    const m = map([
      [0, 65535, 65535],
      [7, 0, 300],
      [7, 7, 0],
    ]);
    const fc = labelMapToGeoJSON(m);
    expect(fc.features.map((f) => f.properties.label)).toEqual([7, 300, 65535]);
    const back = geoJSONToLabelMap(fc, m);
    expect(back.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(back.data)).toEqual(Array.from(m.data));
    const big = map([
      [0, 70000],
      [1, 0],
    ]);
    const bigBack = geoJSONToLabelMap(labelMapToGeoJSON(big), big);
    expect(bigBack.data).toBeInstanceOf(Uint32Array);
    expect(Array.from(bigBack.data)).toEqual([0, 70000, 1, 0]);
  });

  it('an empty map gives no features; every typed array works (Int32Array included)', () => {
    expect(labelMapToGeoJSON(map(['00'])).features).toEqual([]);
    const m = { width: 2, height: 1, data: new Int32Array([0, 5]) };
    expect(labelMapToGeoJSON(m).features[0]!.geometry.coordinates).toEqual([square(1, 0)]);
    expect(labelMapToGeoJSON({ width: 1, height: 1, data: new Uint8Array([3]) }).features[0]!.properties.label).toBe(3);
  });
});

describe('labelMapToGeoJSON options and errors', () => {
  it('classification, ids and objectType go into each feature', () => {
    const fc = labelMapToGeoJSON(map(['12']), {
      classification: { name: 'Nucleus', color: [255, 0, 0] },
      ids: true,
      objectType: 'annotation',
    });
    expect(fc.features[1]).toEqual({
      type: 'Feature',
      id: 2,
      geometry: { type: 'Polygon', coordinates: [square(1, 0)] },
      properties: { objectType: 'annotation', label: 2, classification: { name: 'Nucleus', color: [255, 0, 0] } },
    });
  });

  it('simplify: fewer corners, at least 4 per ring, the staircase approximated within the tolerance', () => {
    // a 20-step staircase (a right triangle of pixels)
    const rows: string[] = [];
    for (let y = 0; y < 20; y++) rows.push('1'.repeat(y + 1).padEnd(20, '0'));
    const m = map(rows);
    const exact = labelMapToGeoJSON(m).features[0]!.geometry.coordinates[0] as GeoJSONPosition[];
    const simple = labelMapToGeoJSON(m, { simplify: 1 }).features[0]!.geometry.coordinates[0] as GeoJSONPosition[];
    expect(exact.length).toBe(43); // 42 corners + the closing repeat
    expect(simple.length).toBeLessThan(10);
    expect(simple.length).toBeGreaterThanOrEqual(5);
    expect(simple[0]).toEqual(simple[simple.length - 1]);
    expect(Math.abs(area(simple) - area(exact))).toBeLessThan(20);
    // a single pixel keeps its 4 corners whatever the tolerance
    expect(labelMapToGeoJSON(map(['1']), { simplify: 100 }).features[0]!.geometry.coordinates).toEqual([square(0, 0)]);
  });

  it('bad label maps and options throw InvalidArgumentError', () => {
    expect(() => labelMapToGeoJSON({ width: 2, height: 1, data: new Uint8Array(3) })).toThrowError(
      /Invalid argument 'labelMap': data has 3 values, 2x1 needs 2/,
    );
    expect(() => labelMapToGeoJSON({ width: 2, height: 1, data: new Int32Array([0, -4]) })).toThrowError(
      "Invalid argument 'labelMap': negative label -4 at pixel 1,0",
    );
    expect(() => labelMapToGeoJSON(map(['1']), { simplify: -1 })).toThrowError(/'simplify'/);
    expect(() => labelMapToGeoJSON(map(['1']), { classification: { name: '' } })).toThrowError(/'classification'/);
    expect(() => labelMapToGeoJSON(map(['1']), { classification: { name: 'x', color: [1, 2, 300] } })).toThrowError(
      /integers 0-255/,
    );
    expect(() => labelMapToGeoJSON(map(['1']), { objectType: 'cell' as 'detection' })).toThrowError(/'objectType'/);
  });
});

describe('labelMapToGeoJSON → geoJSONToLabelMap round trip on seeded random label maps', () => {
  it('300 maps (noise with many diagonal pinches, and overlapping rectangles): exact, valid rings', () => {
    const rng = createRng(20240512);
    for (let t = 0; t < 300; t++) {
      const width = 1 + rng.int(14);
      const height = 1 + rng.int(14);
      const data = new Uint16Array(width * height);
      if (t % 2 === 0) {
        const labels = 1 + rng.int(4);
        const density = rng.uniform(0.2, 0.9);
        for (let i = 0; i < data.length; i++) data[i] = rng.chance(density) ? 1 + rng.int(labels) : 0;
      } else {
        for (let k = rng.int(8); k >= 0; k--) {
          const x0 = rng.int(width),
            y0 = rng.int(height),
            w = 1 + rng.int(width - x0),
            h = 1 + rng.int(height - y0);
          const label = rng.chance(0.2) ? 0 : 1 + rng.int(60000);
          for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) data[y * width + x] = label;
        }
      }
      const m = { width, height, data };
      const fc = labelMapToGeoJSON(m);
      expectValid(m, fc);
      expect(Array.from(geoJSONToLabelMap(fc, m).data)).toEqual(Array.from(data));
    }
  });

  it('a 200x150 map of 3000 random blobs in 5 labels round-trips exactly', () => {
    const rng = createRng('blobs');
    const width = 200,
      height = 150;
    const data = new Uint8Array(width * height);
    for (let k = 0; k < 3000; k++) {
      const cx = rng.int(width),
        cy = rng.int(height),
        r = rng.uniform(0.5, 4),
        label = rng.int(6);
      for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(height - 1, cy + r); y++) {
        for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(width - 1, cx + r); x++)
          if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) data[y * width + x] = label;
      }
    }
    const m = { width, height, data };
    expectValid(m, labelMapToGeoJSON(m));
    roundTrip(m);
  });
});

const monuseg = sharedPath('data', 'monuseg', 'train');
const haveMonuseg = existsSync(monuseg);
if (!haveMonuseg) console.log(`labelMapToGeoJSON: MoNuSeg round trip skipped (${monuseg} not present)`);
describe.skipIf(!haveMonuseg)(`labelMapToGeoJSON on the 13 shared MoNuSeg label maps (${monuseg})`, () => {
  it('every tile round-trips exactly; polygons valid; one feature per nucleus label', () => {
    const files = readdirSync(monuseg)
      .filter((f) => f.endsWith('_label.png'))
      .sort();
    expect(files.length).toBe(13);
    let features = 0;
    let multi = 0;
    let ms = 0;
    for (const f of files) {
      const m = readLabelMap(join(monuseg, f));
      const t0 = performance.now();
      const fc = labelMapToGeoJSON(m);
      const back = geoJSONToLabelMap(fc, m);
      ms += performance.now() - t0;
      let diff = 0;
      for (let i = 0; i < m.data.length; i++) if (back.data[i] !== m.data[i]) diff++;
      expect(diff, f).toBe(0);
      expectValid(m, fc);
      features += fc.features.length;
      multi += fc.features.filter((x) => x.geometry.type === 'MultiPolygon').length;
    }
    console.log(
      `MoNuSeg round trip: 13 tiles, ${features} features (${multi} MultiPolygons), ${ms.toFixed(0)} ms for labelMapToGeoJSON + geoJSONToLabelMap`,
    );
    expect(features).toBeGreaterThan(4900);
  });
});
