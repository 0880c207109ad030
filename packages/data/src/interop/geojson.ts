/**
 * The subset of GeoJSON (RFC 7946) that the annotation interop of @qfcn/data reads and writes:
 * polygon features in image pixel coordinates. Declared here so the package needs no `@types/geojson`;
 * the shapes are structurally compatible with it.
 */

/** `[x, y]` in image pixels; pixel (x, y) covers [x, x+1] × [y, y+1] (y grows downwards). */
export type GeoJSONPosition = [number, number] | number[];

/** One outer ring followed by its holes; every ring closed (first position = last position). */
export interface GeoJSONPolygon {
  type: 'Polygon';
  coordinates: GeoJSONPosition[][];
}

/** Several polygons, read as their union. */
export interface GeoJSONMultiPolygon {
  type: 'MultiPolygon';
  coordinates: GeoJSONPosition[][][];
}

/** A QuPath classification: the class name and an optional `[r, g, b]` colour (0–255). */
export interface QuPathClassification {
  name: string;
  color?: [number, number, number];
}

/** What `labelMapToGeoJSON` writes into each feature's `properties`. */
export interface LabelFeatureProperties {
  /** `'detection'` (default) or `'annotation'`: how QuPath imports the object. */
  objectType: 'detection' | 'annotation';
  /** The object's label in the label map. */
  label: number;
  classification?: QuPathClassification;
  [key: string]: unknown;
}

/** A GeoJSON Feature with a polygonal geometry. */
export interface GeoJSONFeature<P = LabelFeatureProperties | Record<string, unknown> | null> {
  type: 'Feature';
  id?: string | number;
  geometry: GeoJSONPolygon | GeoJSONMultiPolygon;
  properties: P;
}

/** A GeoJSON FeatureCollection of polygon features. */
export interface GeoJSONFeatureCollection<P = LabelFeatureProperties | Record<string, unknown> | null> {
  type: 'FeatureCollection';
  features: GeoJSONFeature<P>[];
}
