import { InvalidArgumentError } from '@qfcn/contract';
import { writeFileAtomic } from '../util/writeFileAtomic';
import type { GeoJSONFeatureCollection } from './geojson';

/**
 * Writes a GeoJSON FeatureCollection to `path` atomically (temporary file + rename), one feature per
 * line.
 *
 * When to use: saving `labelMapToGeoJSON` output as `<id>_instances.geojson` for QuPath (drag the file
 * onto the open image) or for `loadFolderDataset` (`<id>.geojson`).
 *
 * Details: compact JSON, UTF-8, a line per feature so that files diff well; parents are created; a
 * failure leaves the old file (or none) and throws `DataError` naming the path. Not a
 * FeatureCollection, or a value JSON cannot hold (NaN, Infinity) → `InvalidArgumentError`, nothing
 * written.
 *
 * @example
 * writeGeoJSON('out/a_instances.geojson', labelMapToGeoJSON(prediction));
 */
export function writeGeoJSON(path: string, featureCollection: GeoJSONFeatureCollection): void {
  const fc = featureCollection as { type?: unknown; features?: unknown };
  if (typeof fc !== 'object' || fc === null || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new InvalidArgumentError(
      'featureCollection',
      'expected a GeoJSON FeatureCollection { type: "FeatureCollection", features: [...] }',
    );
  }
  const lines = fc.features.map((f, i) =>
    JSON.stringify(f, (_key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new InvalidArgumentError(
          'featureCollection',
          `features[${i}] holds ${value}, which JSON cannot represent`,
        );
      }
      return value;
    }),
  );
  // other members (bbox, name, crs …) first, then the features, one per line
  const rest = Object.fromEntries(Object.entries(fc).filter(([key]) => key !== 'type' && key !== 'features'));
  const head = JSON.stringify({ type: 'FeatureCollection', ...rest }).slice(0, -1);
  const body = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n]`;
  writeFileAtomic(path, `${head},"features":${body}}\n`);
}
