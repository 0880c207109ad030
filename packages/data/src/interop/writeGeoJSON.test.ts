import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GeoJSONFeatureCollection } from './geojson';
import { labelMapToGeoJSON } from './labelMapToGeoJSON';
import { readGeoJSONLabelMap } from './readGeoJSONLabelMap';
import { writeGeoJSON } from './writeGeoJSON';

describe('writeGeoJSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-geojson-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const map = { width: 3, height: 2, data: new Uint16Array([1, 1, 0, 0, 2, 2]) };

  it('one feature per line, valid JSON, into a new sub-directory, no temporary file left; reads back exactly', () => {
    const path = join(dir, 'sub', 'a_instances.geojson');
    writeGeoJSON(path, labelMapToGeoJSON(map));
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(
      '{"type":"FeatureCollection","features":[\n' +
        '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,1],[0,1],[0,0]]]},"properties":{"objectType":"detection","label":1}},\n' +
        '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,1],[3,1],[3,2],[1,2],[1,1]]]},"properties":{"objectType":"detection","label":2}}\n' +
        ']}\n',
    );
    expect(JSON.parse(text)).toEqual(labelMapToGeoJSON(map));
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a_instances.geojson']);
    expect(Array.from(readGeoJSONLabelMap(path, map).data)).toEqual([1, 1, 0, 0, 2, 2]);
  });

  it('keeps other members (bbox, name); an empty collection is valid JSON', () => {
    const path = join(dir, 'b.geojson');
    writeGeoJSON(path, { type: 'FeatureCollection', name: 'x', features: [] } as GeoJSONFeatureCollection);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ type: 'FeatureCollection', name: 'x', features: [] });
  });

  it('not a FeatureCollection, or NaN coordinates: InvalidArgumentError and the old file untouched', () => {
    const path = join(dir, 'c.geojson');
    writeFileSync(path, 'old');
    expect(() => writeGeoJSON(path, { type: 'Feature' } as unknown as GeoJSONFeatureCollection)).toThrowError(
      /Invalid argument 'featureCollection': expected a GeoJSON FeatureCollection/,
    );
    const fc = labelMapToGeoJSON(map);
    (fc.features[1]!.geometry.coordinates[0] as number[][])[2]![0] = Number.NaN;
    expect(() => writeGeoJSON(path, fc)).toThrowError(
      "Invalid argument 'featureCollection': features[1] holds NaN, which JSON cannot represent",
    );
    expect(readFileSync(path, 'utf8')).toBe('old');
  });

  it('an unwritable target is a DataError naming the path', () => {
    const blocker = join(dir, 'file-not-dir');
    writeFileSync(blocker, 'x');
    expect(() => writeGeoJSON(join(blocker, 'd.geojson'), labelMapToGeoJSON(map))).toThrowError(
      new RegExp(`^${join(blocker, 'd.geojson')}: cannot write`),
    );
    expect(existsSync(join(blocker, 'd.geojson'))).toBe(false);
  });
});
