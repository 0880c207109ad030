import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QfcnError } from '@qfcn/contract';
import { decode as fastBmpDecode } from 'fast-bmp';
import { describe, expect, it } from 'vitest';
import { readImage } from './readImage';
import { readLabelMap } from './readLabelMap';
import { bmpBytes } from './testing/bmpBytes';
import { sharedPath } from './testing/sharedData';

const fixtures = new URL('./fixtures/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtures), 'utf8')) as {
  files: Record<
    string,
    { width: number; height: number; label?: { bits: number; data: number[] }; labelError?: string }
  >;
};
const fixture = (name: string): string => new URL(name, fixtures).pathname;
const arrayFor: Record<number, string> = { 1: 'Uint8Array', 8: 'Uint8Array', 16: 'Uint16Array', 32: 'Uint32Array' };

describe('readLabelMap: Pillow-written fixtures (oracle/make_image_fixtures.py)', () => {
  for (const [name, want] of Object.entries(expected.files)) {
    if (want.label) {
      it(`${name} → ${want.width}x${want.height} ${arrayFor[want.label.bits]} of raw values`, () => {
        const map = readLabelMap(fixture(name));
        expect([map.width, map.height]).toEqual([want.width, want.height]);
        expect(map.data.constructor.name).toBe(arrayFor[want.label!.bits]);
        expect(Array.from(map.data)).toEqual(want.label!.data);
      });
    } else if (want.labelError) {
      it(`${name} → DataError "${want.labelError}"`, () => {
        try {
          readLabelMap(fixture(name));
          expect.unreachable();
        } catch (e) {
          expect(QfcnError.isInstance(e)).toBe(true);
          expect((e as Error).message).toMatch(
            new RegExp(`^${fixture(name)}: label map (must be|has a) ${want.labelError}`),
          );
        }
      });
    }
  }

  it('8-bit palettised BMP: indices, not colours, and the same indices as fast-bmp reads', () => {
    const bytes = readFileSync(fixture('p8_5x3.bmp'));
    const map = readLabelMap(bytes);
    expect(Array.from(map.data)).toEqual(Array.from(fastBmpDecode(bytes).data as Uint8Array));
    expect(Array.from(map.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 2, 0, 7, 7]);
  });

  it('error messages name the format: RGB PNG and float TIFF', () => {
    expect(() => readLabelMap(fixture('rgb_5x3.png'))).toThrowError(
      /label map must be single-channel integer \(got 8-bit RGB PNG\)/,
    );
    expect(() => readLabelMap(fixture('float32_5x3.tif'))).toThrowError(
      /label map must be single-channel integer \(got 32-bit float grey TIFF\)/,
    );
  });

  it('GlaS-style 8-bit palettised BMP 3x2 with a colour palette: labels 0..2 as stored', () => {
    // 3 px per row = 3 bytes + 1 padding; bottom row first
    const bytes = bmpBytes({
      width: 3,
      height: 2,
      bpp: 8,
      palette: [
        [0, 0, 0],
        [255, 0, 0],
        [0, 0, 255],
      ],
      pixels: [2, 2, 0, 0, 1, 1, 0, 0],
    });
    const map = readLabelMap(bytes);
    expect(Array.from(map.data)).toEqual([1, 1, 0, 2, 2, 0]);
    expect(readImage(bytes).channels).toBe(3); // the same file as a picture
  });

  it('an index beyond a short palette is still a valid label', () => {
    const bytes = bmpBytes({ width: 1, height: 1, bpp: 8, palette: [[0, 0, 0]], pixels: [7, 0, 0, 0] });
    expect(Array.from(readLabelMap(bytes).data)).toEqual([7]);
  });
});

const monuseg = sharedPath('data', 'monuseg', 'train');
const haveMonuseg = existsSync(monuseg);
describe.skipIf(!haveMonuseg)(
  `readLabelMap on real MoNuSeg tiles (${haveMonuseg ? monuseg : `skipped: ${monuseg} not present`})`,
  () => {
    it('TCGA-21-5784-01Z-00-DX1: 1000x1000 RGB image and a 16-bit instance map with 294..472 nuclei', () => {
      const files = readdirSync(monuseg).filter((f) => f.endsWith('_label.png'));
      expect(files.length).toBe(13);
      const image = readImage(join(monuseg, 'TCGA-21-5784-01Z-00-DX1.png'));
      expect([image.width, image.height, image.channels]).toEqual([1000, 1000, 3]);
      const map = readLabelMap(join(monuseg, 'TCGA-21-5784-01Z-00-DX1_label.png'));
      expect(map.data).toBeInstanceOf(Uint16Array);
      const labels = new Set(map.data);
      labels.delete(0);
      expect(labels.size).toBeGreaterThanOrEqual(294);
      expect(labels.size).toBeLessThanOrEqual(472);
      // background dominates a nuclei tile but is far from all of it
      let background = 0;
      for (const v of map.data) if (v === 0) background++;
      expect(background / map.data.length).toBeGreaterThan(0.5);
      expect(background / map.data.length).toBeLessThan(0.95);
    });
  },
);
