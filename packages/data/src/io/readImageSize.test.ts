import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readImageSize } from './readImageSize';
import { sharedPath } from './testing/sharedData';

const fixture = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describe('readImageSize', () => {
  it.each([
    ['rgb24_5x3.bmp', 5, 3, 'BMP'],
    ['bw1_9x2.bmp', 9, 2, 'BMP'],
    ['grey16_5x3.png', 5, 3, 'PNG'],
    ['int32_lzw_40x30.tif', 40, 30, 'TIFF'],
  ])('%s → %ix%i %s', (name, width, height, format) => {
    expect(readImageSize(fixture(name))).toEqual({ width, height, format });
  });

  it('needs only the header: a PNG cut after IHDR still reports its size', () => {
    const png = readFileSync(fixture('rgb_5x3.png'));
    expect(readImageSize(png.subarray(0, 33))).toEqual({ width: 5, height: 3, format: 'PNG' });
  });

  it('a header cut short is a DataError', () => {
    const png = readFileSync(fixture('rgb_5x3.png'));
    expect(() => readImageSize(png.subarray(0, 20), { name: 'cut.png' })).toThrowError(
      'cut.png: truncated PNG: 20 bytes, the IHDR chunk needs 24',
    );
    expect(() => readImageSize(new Uint8Array([1, 2, 3]), { name: 'junk' })).toThrowError(/junk: unknown image format/);
  });

  const monuseg = sharedPath('data', 'monuseg', 'train');
  it.skipIf(!existsSync(monuseg))(
    `a real MoNuSeg tile is 1000x1000 (${existsSync(monuseg) ? monuseg : `skipped: ${monuseg} not present`})`,
    () => {
      expect(readImageSize(join(monuseg, 'TCGA-21-5784-01Z-00-DX1_label.png'))).toEqual({
        width: 1000,
        height: 1000,
        format: 'PNG',
      });
    },
  );
});
