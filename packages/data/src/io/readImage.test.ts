import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataError, QfcnError } from '@qfcn/contract';
import { decode as fastBmpDecode } from 'fast-bmp';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from './readImage';
import { bmpBytes } from './testing/bmpBytes';

const fixtures = new URL('./fixtures/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtures), 'utf8')) as {
  files: Record<string, { width: number; height: number; image?: { channels: number; data: number[] } }>;
};
const fixture = (name: string): string => new URL(name, fixtures).pathname;

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    expect(QfcnError.isInstance(e)).toBe(true);
    return e as DataError;
  }
  throw new Error('expected an error');
}

describe('readImage: Pillow-written fixtures (oracle/make_image_fixtures.py)', () => {
  for (const [name, want] of Object.entries(expected.files)) {
    if (!want.image) continue;
    it(`${name} → ${want.width}x${want.height}x${want.image.channels}`, () => {
      const image = readImage(fixture(name));
      expect([image.width, image.height, image.channels]).toEqual([want.width, want.height, want.image!.channels]);
      expect(Array.from(image.data)).toEqual(want.image!.data);
    });
  }

  it('agrees with fast-bmp (an independent decoder) on the 24-bit BMP', () => {
    const bytes = readFileSync(fixture('rgb24_5x3.bmp'));
    expect(Array.from(readImage(bytes).data)).toEqual(Array.from(fastBmpDecode(bytes).data as Uint8Array));
  });
});

describe('readImage: hand-made BMPs', () => {
  const red = [255, 0, 0];
  const green = [0, 255, 0];
  const blue = [0, 0, 255];
  const white = [255, 255, 255];

  it('24-bit 2x2 bottom-up: first stored row is the bottom row; rows padded to 8 bytes', () => {
    // stored: bottom row (blue, white), then top row (red, green); BGR order, 2 padding bytes each
    const bytes = bmpBytes({
      width: 2,
      height: 2,
      bpp: 24,
      pixels: [255, 0, 0, 255, 255, 255, 0, 0, 0, 0, 255, 0, 255, 0, 0, 0],
    });
    const image = readImage(bytes);
    expect(image.channels).toBe(3);
    expect(Array.from(image.data)).toEqual([...red, ...green, ...blue, ...white]);
  });

  it('24-bit 2x2 top-down (negative height): first stored row is the top row', () => {
    const bytes = bmpBytes({
      width: 2,
      height: -2,
      bpp: 24,
      pixels: [255, 0, 0, 255, 255, 255, 0, 0, 0, 0, 255, 0, 255, 0, 0, 0],
    });
    expect(Array.from(readImage(bytes).data)).toEqual([...blue, ...white, ...red, ...green]);
  });

  it('4-bit palettised 3x1: high nibble first, colours through the palette', () => {
    const bytes = bmpBytes({
      width: 3,
      height: 1,
      bpp: 4,
      palette: [[0, 0, 0], red, green, blue],
      pixels: [0x12, 0x30, 0, 0],
    });
    expect(Array.from(readImage(bytes).data)).toEqual([...red, ...green, ...blue]);
  });

  it('RLE8 4x2: an encoded run, end of line, an absolute run, end of bitmap', () => {
    const palette = [
      [0, 0, 0],
      [10, 10, 10],
      [20, 20, 20],
      [30, 30, 30],
    ];
    // bottom row: 4 x index 1; top row: absolute 3 values (2, 3, 1) padded to a word, then x=3 stays 0
    const pixels = [4, 1, 0, 0, 0, 3, 2, 3, 1, 0, 0, 0, 0, 1];
    const image = readImage(bmpBytes({ width: 4, height: 2, bpp: 8, compression: 1, palette, pixels }));
    expect(image.channels).toBe(1);
    expect(Array.from(image.data)).toEqual([20, 30, 10, 0, 10, 10, 10, 10]);
  });

  it('RLE4 8x1: a run alternates the two nibbles; a delta skips a pixel; an absolute run of 3 nibbles', () => {
    const palette = [
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
    ];
    // run of 3 with nibbles 1,2 → 1 2 1; delta (+1, 0) skips x=3; absolute 3 nibbles (3 2 1) in 2 bytes; end
    const pixels = [3, 0x12, 0, 2, 1, 0, 0, 3, 0x32, 0x10, 0, 1];
    const image = readImage(bmpBytes({ width: 8, height: 1, bpp: 4, compression: 2, palette, pixels }));
    expect(Array.from(image.data)).toEqual([1, 2, 1, 0, 3, 2, 1, 0]);
  });

  it('16-bit 5-5-5 2x1: 0x7c00 is pure red, 0x001f pure blue', () => {
    const image = readImage(bmpBytes({ width: 2, height: 1, bpp: 16, pixels: [0x00, 0x7c, 0x1f, 0x00] }));
    expect(Array.from(image.data)).toEqual([...red, ...blue]);
  });

  it('32-bit BI_BITFIELDS with an alpha mask (56-byte header) 1x1 → RGBA', () => {
    const bytes = bmpBytes({
      width: 1,
      height: 1,
      bpp: 32,
      compression: 3,
      dibSize: 56,
      masks: [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000],
      pixels: [0x30, 0x20, 0x10, 0x80],
    });
    const image = readImage(bytes);
    expect(image.channels).toBe(4);
    expect(Array.from(image.data)).toEqual([0x10, 0x20, 0x30, 0x80]);
  });

  it('OS/2 core header (12 bytes, 3-byte palette entries) 8-bit 2x1', () => {
    const bytes = bmpBytes({ width: 2, height: 1, bpp: 8, dibSize: 12, palette: [red, green], pixels: [1, 0, 0, 0] });
    expect(Array.from(readImage(bytes).data)).toEqual([...green, ...red]);
  });
});

describe('readImage: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('missing file and directory name the path', () => {
    expect(errorOf(() => readImage(join(dir, 'nope.png'))).message).toBe(`${join(dir, 'nope.png')}: file not found`);
    expect(errorOf(() => readImage(dir)).message).toMatch(/is a directory/);
  });

  it('empty and unknown files', () => {
    expect(errorOf(() => readImage(new Uint8Array(0), { name: 'x.png' })).message).toBe('x.png: empty file');
    const e = errorOf(() => readImage(new TextEncoder().encode('GIF89a...'), { name: 'cat.gif' }));
    expect(e.message).toMatch(/^cat\.gif: unknown image format \(not BMP, PNG or TIFF\); first bytes: 47 49 46 38/);
    expect(e.code).toBe('DATA_ERROR');
  });

  it('truncated BMP, PNG and TIFF fixtures each report truncation or corruption', () => {
    const bmp = readFileSync(fixture('rgb24_5x3.bmp'));
    expect(errorOf(() => readImage(bmp.subarray(0, bmp.length - 5), { name: 'cut.bmp' })).message).toBe(
      'cut.bmp: truncated BMP: 5x3 24-bit pixel data needs 101 bytes, the file has 97',
    );
    expect(errorOf(() => readImage(bmp.subarray(0, 30), { name: 'cut.bmp' })).message).toMatch(/truncated BMP/);
    const png = readFileSync(fixture('rgb_5x3.png'));
    expect(errorOf(() => readImage(png.subarray(0, 50), { name: 'cut.png' })).message).toMatch(
      /^cut\.png: corrupt or truncated PNG/,
    );
    const tif = readFileSync(fixture('rgb_5x3.tif'));
    expect(errorOf(() => readImage(tif.subarray(0, 40), { name: 'cut.tif' })).message).toMatch(
      /^cut\.tif: (corrupt|truncated)/,
    );
  });

  it('a PNG with a flipped byte fails its CRC check', () => {
    const png = Uint8Array.from(readFileSync(fixture('rgb_5x3.png')));
    png[40]! ^= 0xff;
    expect(errorOf(() => readImage(png, { name: 'flip.png' })).message).toMatch(/^flip\.png: corrupt or truncated PNG/);
  });

  it('BMP: bad planes, unsupported depth, index outside the palette', () => {
    const bytes = bmpBytes({ width: 1, height: 1, bpp: 8, palette: [[1, 2, 3]], pixels: [5, 0, 0, 0] });
    expect(errorOf(() => readImage(bytes, { name: 'a.bmp' })).message).toBe(
      'a.bmp: 8-bit palettised BMP: palette index 5 at pixel 0,0 outside its 1-colour palette',
    );
    const bad = Uint8Array.from(bytes);
    bad[28] = 2; // 2 bits per pixel does not exist in BMP
    expect(errorOf(() => readImage(bad, { name: 'b.bmp' })).message).toMatch(/unsupported BMP bit depth 2/);
    const planes = Uint8Array.from(bytes);
    planes[26] = 3;
    expect(errorOf(() => readImage(planes, { name: 'c.bmp' })).message).toMatch(/3 colour planes/);
  });

  it('float and 32-bit integer TIFFs are not 8-bit images', () => {
    expect(errorOf(() => readImage(fixture('float32_5x3.tif'))).message).toMatch(
      /cannot read 32-bit float grey TIFF as an 8-bit image/,
    );
    expect(errorOf(() => readImage(fixture('int32_5x3.tif'))).message).toMatch(
      /cannot read 32-bit signed grey TIFF as an 8-bit image/,
    );
  });

  it('a 32-bit TIFF whose size fields claim 65535x65535 is a DataError, not a 17 GB allocation (RangeError)', () => {
    const bytes = Uint8Array.from(readFileSync(fixture('int32_5x3.tif')));
    const view = new DataView(bytes.buffer);
    const ifd = view.getUint32(4, true); // little-endian "II" file: first IFD offset
    for (let i = 0, n = view.getUint16(ifd, true); i < n; i++) {
      const entry = ifd + 2 + 12 * i;
      const tag = view.getUint16(entry, true);
      if (tag !== 256 && tag !== 257) continue; // ImageWidth, ImageLength
      if (view.getUint16(entry + 2, true) === 3) view.setUint16(entry + 8, 65535, true);
      else view.setUint32(entry + 8, 65535, true);
    }
    expect(errorOf(() => readImage(bytes, { name: 'huge.tif' })).message).toMatch(
      /65535x65535 .* more than the \d+ samples qfcn reads/,
    );
  });

  it('ArrayBuffer input works and a wrong type is an InvalidArgumentError', () => {
    const bytes = readFileSync(fixture('grey8_5x3.png'));
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    expect(readImage(ab).width).toBe(5);
    expect(() => readImage(42 as unknown as string)).toThrowError(/Invalid argument 'source'/);
  });
});
