import type { LabelMap } from '@qfcn/contract';
import { DataError } from '@qfcn/contract';
import { assertSize, rasterizeGeoJSON } from './geoJSONToLabelMap';
import { loadText, type TextSource } from './loadText';

export interface ReadGeoJSONLabelMapOptions {
  /** Width of the label map in pixels (required: the size of the image the features belong to). */
  readonly width: number;
  /** Height of the label map in pixels (required). */
  readonly height: number;
  /** Name used in error messages for bytes or text (default `'<bytes>'` / `'<geojson>'`); paths name themselves. */
  readonly name?: string;
}

/**
 * Reads a GeoJSON file of polygon features (QuPath's export, or `writeGeoJSON`'s) as an instance
 * label map of the given size.
 *
 * When to use: `<id>.geojson` annotations beside an image; loading objects edited in QuPath.
 *
 * Details:
 * - `source`: a file path, the file's bytes (UTF-8, or UTF-16 with a byte-order mark), or the JSON
 *   text itself (a string whose first non-blank character is `{` or `[`).
 * - Rasterised by the rules of `geoJSONToLabelMap` (pixel centres, even-odd, earlier features win,
 *   `properties.label` or index + 1), so files written by `labelMapToGeoJSON` come back exactly.
 * - Errors: `DataError` naming the file — missing or empty file, malformed JSON, and every problem
 *   `geoJSONToLabelMap` reports (wrong geometry type, missing, non-finite or out-of-image coordinates,
 *   unclosed or self-intersecting rings), with the feature index and label. Bad options:
 *   `InvalidArgumentError`.
 *
 * @example
 * const { width, height } = readImageSize('a.tif');
 * const labels = readGeoJSONLabelMap('a.geojson', { width, height });
 */
export function readGeoJSONLabelMap(source: TextSource, options: ReadGeoJSONLabelMapOptions): LabelMap {
  const size = assertSize(options);
  const { text, name } = loadText(source, '{[', options.name, 'geojson');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataError(`malformed JSON: ${(error as Error).message}`, { path: name, cause: error });
  }
  return rasterizeGeoJSON(json, size, (message) => {
    throw new DataError(message, { path: name });
  });
}
