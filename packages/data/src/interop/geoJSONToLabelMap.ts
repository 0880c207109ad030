import type { LabelMap } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import type { GeoJSONFeature, GeoJSONFeatureCollection } from './geojson';
import { fillPolygon, findCrossing } from './polygon';

export interface GeoJSONToLabelMapOptions {
  /** Width of the label map in pixels (required; the image the features were drawn on). */
  readonly width: number;
  /** Height of the label map in pixels (required). */
  readonly height: number;
}

/** What `geoJSONToLabelMap` accepts: a FeatureCollection, an array of Features or one Feature. */
export type GeoJSONInput = GeoJSONFeatureCollection | readonly GeoJSONFeature[] | GeoJSONFeature;

/**
 * Rasterises GeoJSON polygon features into an instance label map — the exact inverse of
 * `labelMapToGeoJSON`.
 *
 * When to use: reading annotations drawn or corrected in QuPath (exported as GeoJSON), or files
 * written by `labelMapToGeoJSON` / `writeGeoJSON`. From a file, use `readGeoJSONLabelMap`.
 *
 * Details:
 * - Coordinates are image pixels with pixel corners on the integer grid: pixel (x, y) belongs to a
 *   polygon when its centre (x + 0.5, y + 0.5) is inside — even-odd over the polygon's rings (inside
 *   the outer ring, outside its holes); a `MultiPolygon` is the union of its polygons. A centre exactly
 *   on an edge is inside when the interior lies to its right or below it (the "top-left" rule: per
 *   row, crossings xa < xb cover centres xa ≤ x + 0.5 < xb; an edge counts when y0 ≤ y + 0.5 < y1).
 * - Scanline fill: per row, the crossings of all edges with y + 0.5, sorted and paired.
 * - Label: `properties.label` when it is a positive integer ≤ 4294967295, else the feature's index + 1.
 *   Where features overlap, the earlier feature keeps the pixel.
 * - Result: `Uint16Array` when every label is ≤ 65535, else `Uint32Array`; 0 = background.
 * - Errors (`InvalidArgumentError`, naming `features[i]` and its label): not a FeatureCollection,
 *   Feature or Feature array; a geometry that is missing or not Polygon/MultiPolygon; missing or empty
 *   coordinates; a ring with fewer than 4 positions or not closed (first ≠ last); a non-finite
 *   coordinate; a coordinate outside [0, width] × [0, height]; rings of a polygon that cross or
 *   overlap themselves or each other (touching at a point is allowed, as at the diagonal pinches
 *   `labelMapToGeoJSON` writes). Nothing is returned on error.
 *
 * @example
 * const labels = geoJSONToLabelMap(JSON.parse(text), { width: 1000, height: 1000 });
 * geoJSONToLabelMap(labelMapToGeoJSON(map), map); // the same labels as map
 */
export function geoJSONToLabelMap(featureCollection: GeoJSONInput, options: GeoJSONToLabelMapOptions): LabelMap {
  const fail = (message: string): never => {
    throw new InvalidArgumentError('featureCollection', message);
  };
  return rasterizeGeoJSON(featureCollection, assertSize(options), fail);
}

/** Checks `{ width, height }`; InvalidArgumentError otherwise. */
export function assertSize(options: { readonly width: number; readonly height: number } | undefined): {
  width: number;
  height: number;
} {
  const { width, height } = options ?? ({} as { width?: number; height?: number });
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) <= 0 || (height as number) <= 0) {
    throw new InvalidArgumentError(
      'options',
      `width and height must be positive integers, got ${String(width)}x${String(height)}`,
    );
  }
  return { width: width as number, height: height as number };
}

/** The rasteriser behind geoJSONToLabelMap and readGeoJSONLabelMap; `fail` throws the caller's error. */
export function rasterizeGeoJSON(
  input: unknown,
  size: { width: number; height: number },
  fail: (message: string) => never,
): LabelMap {
  const { width, height } = size;
  const features = featuresOf(input, fail);

  // validate everything first, then paint: no partial result, whatever the error
  const polygonsOf: number[][][][] = [];
  const labels: number[] = [];
  let max = 0;
  features.forEach((f, i) => {
    const where = `features[${i}]`;
    if (typeof f !== 'object' || f === null || Array.isArray(f) || (f as { type?: unknown }).type !== 'Feature') {
      fail(`${where} is not a GeoJSON Feature (type "Feature")`);
    }
    const feature = f as { geometry?: unknown; properties?: unknown };
    const props = feature.properties;
    const given = typeof props === 'object' && props !== null ? (props as { label?: unknown }).label : undefined;
    const label =
      typeof given === 'number' && Number.isInteger(given) && given > 0 && given <= 0xffffffff ? given : i + 1;
    const name = `${where} (label ${label})`;
    const g = feature.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    if (typeof g !== 'object' || g === null) fail(`${name} has no geometry`);
    const type = g!.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      fail(
        `${name}: geometry type ${typeof type === 'string' ? type : String(type)} is not supported (Polygon or MultiPolygon)`,
      );
    }
    const coords = g!.coordinates;
    if (!Array.isArray(coords) || coords.length === 0) fail(`${name}: ${type} has no coordinates`);
    const polys = type === 'Polygon' ? [coords as unknown[]] : (coords as unknown[]);
    const flat = polys.map((poly, p) => {
      const at = type === 'Polygon' ? name : `${name} polygon ${p}`;
      if (!Array.isArray(poly) || poly.length === 0) fail(`${at} has no rings`);
      const rings = (poly as unknown[]).map((ring, r) => flattenRing(ring, `${at} ring ${r}`, width, height, fail));
      const crossing = findCrossing(rings);
      if (crossing) {
        const { kind, ringA, ringB, x, y } = crossing;
        const what =
          ringA === ringB
            ? `ring ${ringA} ${kind === 'cross' ? 'crosses' : 'overlaps'} itself`
            : `rings ${Math.min(ringA, ringB)} and ${Math.max(ringA, ringB)} ${kind}`;
        fail(`${at}: ${what} at (${round3(x)}, ${round3(y)}) (self-intersecting polygon)`);
      }
      return rings;
    });
    polygonsOf.push(flat);
    labels.push(label);
    if (label > max) max = label;
  });

  const data = max <= 65535 ? new Uint16Array(width * height) : new Uint32Array(width * height);
  polygonsOf.forEach((polys, i) => {
    for (const rings of polys) fillPolygon(data, width, height, rings, labels[i]!, 0.5, false);
  });
  return { width, height, data };
}

function featuresOf(input: unknown, fail: (message: string) => never): unknown[] {
  if (Array.isArray(input)) return input;
  if (typeof input === 'object' && input !== null) {
    const type = (input as { type?: unknown }).type;
    if (type === 'FeatureCollection') {
      const features = (input as { features?: unknown }).features;
      if (!Array.isArray(features)) fail('FeatureCollection has no "features" array');
      return features as unknown[];
    }
    if (type === 'Feature') return [input];
    return fail(
      `expected a GeoJSON FeatureCollection, Feature or array of Features, got an object of type ${JSON.stringify(type ?? null)}`,
    );
  }
  return fail(
    `expected a GeoJSON FeatureCollection, Feature or array of Features, got ${input === null ? 'null' : typeof input}`,
  );
}

/** Checks one ring and returns its vertices without the closing repeat, as [x0, y0, x1, y1, …]. */
function flattenRing(
  ring: unknown,
  at: string,
  width: number,
  height: number,
  fail: (message: string) => never,
): number[] {
  if (!Array.isArray(ring)) fail(`${at} is not an array of positions`);
  const positions = ring as unknown[];
  if (positions.length < 4) fail(`${at} has ${positions.length} positions; a closed ring needs at least 4`);
  const flat: number[] = [];
  positions.forEach((p, k) => {
    if (!Array.isArray(p) || p.length < 2) fail(`${at} position ${k} is not an [x, y] array`);
    const [x, y] = p as unknown[];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      fail(`${at} position ${k} has a missing or non-finite coordinate (${JSON.stringify(p)})`);
    }
    if ((x as number) < 0 || (x as number) > width || (y as number) < 0 || (y as number) > height) {
      fail(`${at} position ${k} (${x as number}, ${y as number}) lies outside the ${width}x${height} image`);
    }
    flat.push(x as number, y as number);
  });
  const n = flat.length;
  if (flat[0] !== flat[n - 2] || flat[1] !== flat[n - 1]) {
    fail(`${at} is not closed: it starts at (${flat[0]}, ${flat[1]}) but ends at (${flat[n - 2]}, ${flat[n - 1]})`);
  }
  flat.length = n - 2;
  return flat;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
