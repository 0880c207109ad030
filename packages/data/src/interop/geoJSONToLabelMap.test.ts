import { QfcnError } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import type { GeoJSONFeature } from './geojson';
import { geoJSONToLabelMap } from './geoJSONToLabelMap';

const polygon = (coordinates: number[][][], properties: Record<string, unknown> | null = null): GeoJSONFeature => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates },
  properties,
});
const rect = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
/** The label map as rows of digits. */
const rows = (m: { width: number; data: ArrayLike<number> }): string[] => {
  const out: string[] = [];
  for (let i = 0; i < m.data.length; i += m.width)
    out.push(
      Array.from(m.data)
        .slice(i, i + m.width)
        .join(''),
    );
  return out;
};
const size4 = { width: 4, height: 4 };

describe('geoJSONToLabelMap: which pixels a polygon covers', () => {
  it('pixel centres inside: a triangle; a centre on the hypotenuse is outside (interior to its left)', () => {
    const m = geoJSONToLabelMap(
      {
        type: 'FeatureCollection',
        features: [
          polygon([
            [
              [0, 0],
              [4, 0],
              [0, 4],
              [0, 0],
            ],
          ]),
        ],
      },
      size4,
    );
    expect(rows(m)).toEqual(['1110', '1100', '1000', '0000']);
    expect(m.data).toBeInstanceOf(Uint16Array);
  });

  it('top-left rule for centres exactly on an edge: inside on left and top edges, outside on right and bottom edges', () => {
    const m = geoJSONToLabelMap([polygon([rect(0.5, 0.5, 2.5, 1.5)])], size4);
    expect(rows(m)).toEqual(['1100', '0000', '0000', '0000']);
  });

  it('holes are outside (even-odd within a polygon); ring orientation does not matter', () => {
    const cw = [
      [0, 0],
      [0, 4],
      [4, 4],
      [4, 0],
      [0, 0],
    ];
    const m = geoJSONToLabelMap([polygon([cw, rect(1, 1, 3, 3)], { label: 2 })], size4);
    expect(rows(m)).toEqual(['2222', '2002', '2002', '2222']);
  });

  it('a MultiPolygon is the union of its polygons (overlaps do not cancel)', () => {
    const f: GeoJSONFeature = {
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: [[rect(0, 0, 2, 2)], [rect(1, 1, 3, 3)]] },
      properties: { label: 7 },
    };
    expect(rows(geoJSONToLabelMap(f, size4))).toEqual(['7700', '7770', '0770', '0000']);
  });

  it('overlapping features: the earlier keeps the pixel; labels from properties.label, else index + 1', () => {
    const m = geoJSONToLabelMap(
      [
        polygon([rect(0, 0, 2, 2)], { label: 5 }),
        polygon([rect(1, 1, 3, 3)], { label: 9 }),
        polygon([rect(3, 3, 4, 4)], { label: 0 }),
        polygon([rect(0, 3, 1, 4)], { label: '4' }),
        polygon([rect(3, 0, 4, 1)], { label: 2.5 }),
      ],
      size4,
    );
    expect(rows(m)).toEqual(['5505', '5590', '0990', '4003']);
  });

  it('labels above 65535 give a Uint32Array; an empty collection gives zeros', () => {
    const m = geoJSONToLabelMap([polygon([rect(0, 0, 1, 1)], { label: 4000000000 })], { width: 2, height: 1 });
    expect(m.data).toBeInstanceOf(Uint32Array);
    expect(Array.from(m.data)).toEqual([4000000000, 0]);
    expect(
      Array.from(geoJSONToLabelMap({ type: 'FeatureCollection', features: [] }, { width: 2, height: 1 }).data),
    ).toEqual([0, 0]);
  });

  it('a 3rd coordinate (altitude) is ignored; coordinates on the image border are fine', () => {
    const m = geoJSONToLabelMap(
      [
        polygon([
          [
            [0, 0, 9],
            [4, 0, 9],
            [4, 4, 9],
            [0, 4, 9],
            [0, 0, 9],
          ],
        ]),
      ],
      size4,
    );
    expect(rows(m)).toEqual(['1111', '1111', '1111', '1111']);
  });
});

describe('geoJSONToLabelMap errors: InvalidArgumentError naming the feature, nothing returned', () => {
  const bad = (input: unknown, message: RegExp | string, size = size4): void => {
    let error: unknown;
    try {
      geoJSONToLabelMap(input as GeoJSONFeature, size);
    } catch (e) {
      error = e;
    }
    expect(QfcnError.isInstance(error)).toBe(true);
    expect((error as QfcnError).code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toMatch(message);
  };

  it('not GeoJSON features', () => {
    bad(
      null,
      "Invalid argument 'featureCollection': expected a GeoJSON FeatureCollection, Feature or array of Features, got null",
    );
    bad({ type: 'Polygon', coordinates: [] }, /got an object of type "Polygon"/);
    bad({ type: 'FeatureCollection' }, /FeatureCollection has no "features" array/);
    bad([polygon([rect(0, 0, 1, 1)]), { type: 'Thing' }], /features\[1\] is not a GeoJSON Feature/);
  });

  it('wrong or missing geometry and coordinates', () => {
    bad([{ type: 'Feature', geometry: null, properties: { label: 3 } }], 'features[0] (label 3) has no geometry');
    bad(
      [
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
          properties: {},
        },
      ],
      'features[0] (label 1): geometry type LineString is not supported (Polygon or MultiPolygon)',
    );
    bad(
      [{ type: 'Feature', geometry: { type: 'Polygon' }, properties: {} }],
      'features[0] (label 1): Polygon has no coordinates',
    );
    bad(
      [{ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[]] }, properties: {} }],
      'features[0] (label 1) polygon 0 has no rings',
    );
    bad(
      [
        polygon([
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ]),
      ],
      'features[0] (label 1) ring 0 has 3 positions; a closed ring needs at least 4',
    );
    bad(
      [
        polygon([
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ]),
      ],
      'features[0] (label 1) ring 0 is not closed: it starts at (0, 0) but ends at (0, 1)',
    );
    bad([polygon([[[0, 0], [1, 0], [1], [0, 0]]])], 'features[0] (label 1) ring 0 position 2 is not an [x, y] array');
  });

  it('non-finite or missing coordinates, coordinates outside the image', () => {
    bad(
      [
        polygon([rect(0, 0, 1, 1)]),
        polygon(
          [
            [
              [0, 0],
              [1, 0],
              [1, null],
              [0, 0],
            ],
          ] as number[][][],
          { label: 8 },
        ),
      ],
      'features[1] (label 8) ring 0 position 2 has a missing or non-finite coordinate ([1,null])',
    );
    bad(
      [
        polygon([
          [
            [0, 0],
            [1, 0],
            [1, Number.NaN],
            [0, 0],
          ],
        ]),
      ],
      /position 2 has a missing or non-finite coordinate/,
    );
    bad(
      [
        polygon([
          [
            [0, 0],
            [Infinity, 0],
            [1, 1],
            [0, 0],
          ],
        ]),
      ],
      /position 1 has a missing or non-finite coordinate/,
    );
    bad(
      [polygon([rect(0, 0, 4.5, 1)], { label: 2 })],
      'features[0] (label 2) ring 0 position 1 (4.5, 0) lies outside the 4x4 image',
    );
    bad([polygon([rect(-1, 0, 1, 1)])], /position 0 \(-1, 0\) lies outside the 4x4 image/);
  });

  it('self-intersecting rings, rings crossing each other; touching at a point is fine', () => {
    bad(
      [
        polygon(
          [
            [
              [0, 0],
              [2, 2],
              [2, 0],
              [0, 2],
              [0, 0],
            ],
          ],
          { label: 6 },
        ),
      ],
      'features[0] (label 6): ring 0 crosses itself at (1, 1) (self-intersecting polygon)',
    );
    bad(
      [polygon([rect(0, 0, 3, 3), rect(2, 1, 4, 2)])],
      'features[0] (label 1): rings 0 and 1 cross at (3, 1) (self-intersecting polygon)',
    );
    bad(
      [
        polygon([
          [
            [0, 0],
            [3, 0],
            [1, 0],
            [1, 2],
            [0, 2],
            [0, 0],
          ],
        ]),
      ],
      'features[0] (label 1): ring 0 overlaps itself at (1, 0) (self-intersecting polygon)',
    ); // a spike back along itself
    // a bow-tie touching itself at a vertex is accepted; a hole touching the outer ring at a point too
    const bow = geoJSONToLabelMap(
      [
        polygon([
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [2, 1],
            [2, 2],
            [1, 2],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ]),
      ],
      size4,
    );
    expect(rows(bow)).toEqual(['1000', '0100', '0000', '0000']);
    const pinch = geoJSONToLabelMap(
      [
        polygon([
          rect(0, 0, 4, 4),
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
        ]),
      ],
      size4,
    );
    expect(rows(pinch)).toEqual(['1111', '1011', '1101', '1111']);
    // a hole sharing an edge with the outer ring is an overlap: refused
    bad([polygon([rect(0, 0, 3, 3), rect(2, 2, 3, 3)])], /rings 0 and 1 overlap at/);
  });

  it('bad sizes', () => {
    expect(() => geoJSONToLabelMap([], { width: 0, height: 2 })).toThrowError(
      "Invalid argument 'options': width and height must be positive integers, got 0x2",
    );
    expect(() => geoJSONToLabelMap([], undefined as unknown as { width: number; height: number })).toThrowError(
      /got undefinedxundefined/,
    );
  });
});
