import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { QfcnError } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { readGeoJSONLabelMap } from '../interop/readGeoJSONLabelMap';
import { readMoNuSegXml } from '../interop/readMoNuSegXml';
import { createRng, type Rng } from '../rng/createRng';
import { readImage } from './readImage';
import { readImageSize } from './readImageSize';
import { readLabelMap } from './readLabelMap';

// Property: whatever bytes a reader gets, it returns a well-formed result or throws a typed qfcn
// error (QfcnError.isInstance: DataError, CorruptFileError, …) naming the input — never a
// TypeError, RangeError or a crash. Corruptions are seeded; QFCN_SLOW=1 runs 25× more of them.
const ROUNDS = process.env.QFCN_SLOW ? 2500 : 100;
const TIMEOUT = process.env.QFCN_SLOW ? 3_600_000 : 60_000;
const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const files = readdirSync(fixtures).filter((f) => /\.(png|bmp|tif)$/.test(f));

/** Uniform integer in [lo, hi). */
const between = (rng: Rng, lo: number, hi: number): number => lo + rng.int(hi - lo);

/** One random corruption: truncation, flipped bytes, a zeroed run, a 0xff run, or an inserted run. */
function corrupt(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = Uint8Array.from(bytes);
  const pos = () => between(rng, 0, Math.max(1, out.length));
  switch (between(rng, 0, 5)) {
    case 0:
      return out.subarray(0, pos());
    case 1:
      for (let k = between(rng, 1, 9); k > 0; k--) out[pos()]! ^= 1 << between(rng, 0, 8);
      return out;
    case 2:
    case 3: {
      const at = pos();
      return out.fill(rng.int(2) === 0 ? 0 : 0xff, at, at + between(rng, 1, 16));
    }
    default: {
      const at = pos();
      const extra = Uint8Array.from({ length: between(rng, 1, 32) }, () => between(rng, 0, 256));
      return Uint8Array.from([...out.subarray(0, at), ...extra, ...out.subarray(at)]);
    }
  }
}

/** Runs `read` and checks the property; returns 'ok' or 'error'. */
function outcome(read: () => void, what: string): 'ok' | 'error' {
  try {
    read();
    return 'ok';
  } catch (error) {
    if (!QfcnError.isInstance(error))
      throw new Error(
        `${what}: untyped ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}\n${(error as Error)?.stack}`,
      );
    expect((error as Error).message.length).toBeGreaterThan(0);
    return 'error';
  }
}

describe('image and label readers under random corruption (fuzz)', () => {
  it(
    `${files.length} fixture files (PNG, BMP, TIFF) × ${ROUNDS} seeded corruptions: a consistent image/label map or a typed error`,
    () => {
      const counts = { ok: 0, error: 0 };
      for (const file of files) {
        const original = readFileSync(join(fixtures, file));
        const rng = createRng(file.length * 7919 + original.length);
        for (let round = 0; round < ROUNDS; round++) {
          const bytes = corrupt(original, rng);
          const what = `${file} round ${round}`;
          counts[
            outcome(() => {
              const image = readImage(bytes, { name: what });
              expect(image.data.length, what).toBe(image.width * image.height * image.channels);
              const size = readImageSize(bytes, { name: what });
              expect([size.width, size.height], what).toEqual([image.width, image.height]);
            }, what)
          ]++;
          outcome(() => {
            const label = readLabelMap(bytes, { name: what });
            expect(label.data.length, what).toBe(label.width * label.height);
          }, what);
        }
      }
      // the corruptions must reach both branches: many files still decode (pixel bytes hit), many fail
      expect(counts.ok).toBeGreaterThan(0);
      expect(counts.error).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    `GeoJSON and MoNuSeg XML text × ${ROUNDS} seeded corruptions: a 32x24 label map or a typed error`,
    () => {
      const geojson = JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { objectType: 'annotation' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [2, 2],
                  [10, 2],
                  [10, 9],
                  [2, 9],
                  [2, 2],
                ],
              ],
            },
          },
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'MultiPolygon',
              coordinates: [
                [
                  [
                    [14, 4],
                    [20, 4],
                    [20, 12],
                    [14, 12],
                    [14, 4],
                  ],
                ],
              ],
            },
          },
        ],
      });
      const xml =
        '<?xml version="1.0"?><Annotations><Annotation><Regions>' +
        '<Region Id="1"><Vertices><Vertex X="3" Y="3"/><Vertex X="12" Y="3"/><Vertex X="12" Y="10"/><Vertex X="3" Y="10"/></Vertices></Region>' +
        '<Region Id="2"><Vertices><Vertex X="16.5" Y="5"/><Vertex X="25" Y="5"/><Vertex X="25" Y="15"/></Vertices></Region>' +
        '</Regions></Annotation></Annotations>';
      const size = { width: 32, height: 24 };
      // the uncorrupted inputs are valid
      expect(readGeoJSONLabelMap(new TextEncoder().encode(geojson), size).data.some((v) => v !== 0)).toBe(true);
      expect(readMoNuSegXml(new TextEncoder().encode(xml), size).data.some((v) => v !== 0)).toBe(true);
      const rng = createRng(2026);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, text, read] of [
          ['geojson', geojson, readGeoJSONLabelMap],
          ['xml', xml, readMoNuSegXml],
        ] as const) {
          const bytes = corrupt(new TextEncoder().encode(text), rng);
          const what = `${name} round ${round}`;
          outcome(() => {
            const label = read(bytes, { ...size, name: what });
            expect([label.width, label.height, label.data.length], what).toEqual([32, 24, 32 * 24]);
          }, what);
        }
      }
    },
    TIMEOUT,
  );
});
