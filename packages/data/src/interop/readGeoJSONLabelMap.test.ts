import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QfcnError } from '@qfcn/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { readGeoJSONLabelMap } from './readGeoJSONLabelMap';

const fc = (coordinates: unknown, properties: unknown = { label: 4 }): string =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates }, properties }],
  });
const square = [
  [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ],
];
const size = { width: 2, height: 2 };

describe('readGeoJSONLabelMap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-readgeojson-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads a path, bytes (UTF-8 with or without BOM, UTF-16LE with BOM), or the JSON text itself', () => {
    const text = fc(square);
    expect(Array.from(readGeoJSONLabelMap(file('a.geojson', text), size).data)).toEqual([4, 0, 0, 0]);
    expect(Array.from(readGeoJSONLabelMap(new TextEncoder().encode(`\uFEFF${text}`), size).data)).toEqual([4, 0, 0, 0]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(Array.from(readGeoJSONLabelMap(new Uint8Array(utf16), size).data)).toEqual([4, 0, 0, 0]);
    expect(Array.from(readGeoJSONLabelMap(`  ${text}`, size).data)).toEqual([4, 0, 0, 0]);
    expect(Array.from(readGeoJSONLabelMap(new TextEncoder().encode(text).buffer, size).data)).toEqual([4, 0, 0, 0]);
  });

  it('errors are DataError naming the file, the feature and its label', () => {
    const expectDataError = (f: () => unknown, message: string | RegExp): void => {
      let error: unknown;
      try {
        f();
      } catch (e) {
        error = e;
      }
      expect(QfcnError.isInstance(error) && (error as QfcnError).code).toBe('DATA_ERROR');
      expect((error as Error).message).toMatch(message);
    };
    const missing = join(dir, 'missing.geojson');
    expectDataError(() => readGeoJSONLabelMap(missing, size), `${missing}: file not found`);
    expectDataError(() => readGeoJSONLabelMap(dir, size), `${dir}: is a directory, not a geojson file`);
    const empty = file('empty.geojson', '');
    expectDataError(() => readGeoJSONLabelMap(empty, size), `${empty}: empty file (expected geojson)`);
    const broken = file('broken.geojson', '{"type": "FeatureCollection", "features": [');
    expectDataError(() => readGeoJSONLabelMap(broken, size), new RegExp(`^${broken}: malformed JSON: `));
    const outside = file(
      'outside.geojson',
      fc([
        [
          [0, 0],
          [3, 0],
          [3, 1],
          [0, 1],
          [0, 0],
        ],
      ]),
    );
    expectDataError(
      () => readGeoJSONLabelMap(outside, size),
      `${outside}: features[0] (label 4) ring 0 position 1 (3, 0) lies outside the 2x2 image`,
    );
    const line = file(
      'line.geojson',
      JSON.stringify([{ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: null }]),
    );
    expectDataError(
      () => readGeoJSONLabelMap(line, size),
      `${line}: features[0] (label 1): geometry type Point is not supported (Polygon or MultiPolygon)`,
    );
    expectDataError(
      () => readGeoJSONLabelMap(new Uint8Array([0xc3, 0x28]), { ...size, name: 'upload' }),
      'upload: not geojson text: invalid UTF-8 bytes',
    );
    expectDataError(
      () => readGeoJSONLabelMap('{"type": 1}', size),
      '<geojson>: expected a GeoJSON FeatureCollection, Feature or array of Features, got an object of type 1',
    );
  });

  it('bad options and sources are InvalidArgumentError', () => {
    expect(() => readGeoJSONLabelMap(fc(square), { width: 2.5, height: 2 })).toThrowError(/Invalid argument 'options'/);
    expect(() => readGeoJSONLabelMap(42 as unknown as string, size)).toThrowError(/Invalid argument 'source'/);
  });
});
