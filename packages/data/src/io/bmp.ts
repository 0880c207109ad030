import { corrupt, type Raster } from './raster';

/**
 * Windows BMP decoding, written for qfcn (internal).
 *
 * Why our own: the GlaS annotations are 8-bit palettised BMPs whose palette INDICES are the gland
 * labels, and image files must come out as RGB through the palette. fast-bmp 4.0.1 returns indices for
 * 8-bit files but not the palette, reads top-down files (negative height) as unsigned, has no RLE and
 * accepts files whose magic is half wrong. This decoder handles:
 * headers BITMAPCOREHEADER (12) and BITMAPINFOHEADER (40) up to BITMAPV5HEADER (124); 1/4/8-bit
 * palettised (BI_RGB, RLE8, RLE4); 16-bit (5-5-5 or bit fields); 24-bit; 32-bit (BGRX or bit
 * fields with alpha); bottom-up and top-down row order. Every read is bounds-checked and a short
 * file is reported as truncated, with the byte counts.
 */

const BI_RGB = 0;
const BI_RLE8 = 1;
const BI_RLE4 = 2;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;
const COMPRESSION_NAMES: Record<number, string> = {
  0: 'BI_RGB',
  1: 'BI_RLE8',
  2: 'BI_RLE4',
  3: 'BI_BITFIELDS',
  4: 'BI_JPEG',
  5: 'BI_PNG',
  6: 'BI_ALPHABITFIELDS',
  11: 'BI_CMYK',
  12: 'BI_CMYKRLE8',
  13: 'BI_CMYKRLE4',
};
const MAX_PIXELS = 2 ** 28;

export interface BmpHeader {
  readonly width: number;
  readonly height: number;
  readonly topDown: boolean;
  readonly bpp: number;
  readonly compression: number;
  readonly dibSize: number;
  readonly pixelOffset: number;
  readonly paletteOffset: number;
  readonly paletteCount: number;
  readonly paletteEntrySize: 3 | 4;
  /** R, G, B, A masks for 16/32-bit data (A = 0: no alpha). */
  readonly masks: readonly [number, number, number, number];
}

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}
function i32(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24);
}

/** Parses and validates the file and DIB headers (and the palette position). */
export function readBmpHeader(bytes: Uint8Array, name: string): BmpHeader {
  if (bytes.length < 2 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) corrupt(name, 'not a BMP file (no "BM" signature)');
  if (bytes.length < 18) corrupt(name, `truncated BMP: ${bytes.length} bytes, the file header alone needs 18`);
  const pixelOffset = u32(bytes, 10);
  const dibSize = u32(bytes, 14);
  const knownSizes = [12, 16, 40, 52, 56, 64, 108, 124];
  if (!knownSizes.includes(dibSize))
    corrupt(name, `unsupported BMP header size ${dibSize} (expected one of ${knownSizes.join(', ')})`);
  if (bytes.length < 14 + dibSize)
    corrupt(name, `truncated BMP: ${bytes.length} bytes, the ${dibSize}-byte DIB header ends at ${14 + dibSize}`);

  let width: number;
  let rawHeight: number;
  let planes: number;
  let bpp: number;
  let compression = BI_RGB;
  let colorsUsed = 0;
  if (dibSize === 12) {
    width = u16(bytes, 18);
    rawHeight = u16(bytes, 20);
    planes = u16(bytes, 22);
    bpp = u16(bytes, 24);
  } else {
    width = i32(bytes, 18);
    rawHeight = i32(bytes, 22);
    planes = u16(bytes, 26);
    bpp = u16(bytes, 28);
    if (dibSize >= 40) {
      compression = u32(bytes, 30);
      colorsUsed = u32(bytes, 46);
    }
  }
  if (planes !== 1) corrupt(name, `corrupt BMP header: ${planes} colour planes (must be 1)`);
  if (width <= 0 || rawHeight === 0) corrupt(name, `corrupt BMP header: size ${width}x${rawHeight}`);
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  if (width * height > MAX_PIXELS) corrupt(name, `corrupt BMP header: implausible size ${width}x${height}`);
  if (![1, 4, 8, 16, 24, 32].includes(bpp))
    corrupt(name, `unsupported BMP bit depth ${bpp} (supported: 1, 4, 8, 16, 24, 32)`);

  const compressionName = COMPRESSION_NAMES[compression] ?? `compression ${compression}`;
  const allowed =
    compression === BI_RGB ||
    (compression === BI_RLE8 && bpp === 8) ||
    (compression === BI_RLE4 && bpp === 4) ||
    ((compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) && (bpp === 16 || bpp === 32));
  if (!allowed) corrupt(name, `unsupported BMP encoding: ${bpp}-bit ${compressionName}`);
  if (topDown && (compression === BI_RLE8 || compression === BI_RLE4)) {
    corrupt(name, 'corrupt BMP header: RLE-compressed BMPs cannot be top-down (negative height)');
  }

  let masks: [number, number, number, number] = [0, 0, 0, 0];
  let headerEnd = 14 + dibSize;
  if (bpp === 16 && compression === BI_RGB) masks = [0x7c00, 0x03e0, 0x001f, 0];
  if (compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) {
    const withAlpha = compression === BI_ALPHABITFIELDS || dibSize >= 56;
    const maskBytes = withAlpha ? 16 : 12;
    if (dibSize === 40) headerEnd += compression === BI_ALPHABITFIELDS ? 16 : 12;
    if (bytes.length < 54 + maskBytes)
      corrupt(name, `truncated BMP: the colour masks end at ${54 + maskBytes}, the file has ${bytes.length} bytes`);
    masks = [u32(bytes, 54), u32(bytes, 58), u32(bytes, 62), withAlpha ? u32(bytes, 66) : 0];
    if (masks[0] === 0 || masks[1] === 0 || masks[2] === 0) corrupt(name, 'corrupt BMP header: a colour mask is zero');
  }

  const paletteEntrySize = dibSize === 12 ? 3 : 4;
  let paletteCount = 0;
  if (bpp <= 8) {
    const max = 2 ** bpp;
    // clrUsed = 0 means 2^bpp colours; some writers (and every OS/2 core file) store fewer, which the
    // gap between the header and the pixel data tells.
    const room = pixelOffset > headerEnd ? Math.floor((pixelOffset - headerEnd) / paletteEntrySize) : max;
    paletteCount = colorsUsed === 0 ? Math.min(max, room) : colorsUsed;
    if (paletteCount > max)
      corrupt(name, `corrupt BMP header: ${paletteCount} palette colours for a ${bpp}-bit image (at most ${max})`);
    const paletteEnd = headerEnd + paletteCount * paletteEntrySize;
    if (paletteEnd > bytes.length)
      corrupt(name, `truncated BMP: the palette ends at byte ${paletteEnd}, the file has ${bytes.length} bytes`);
  }
  if (pixelOffset < headerEnd || pixelOffset > bytes.length) {
    corrupt(name, `corrupt BMP header: pixel data offset ${pixelOffset} outside [${headerEnd}, ${bytes.length}]`);
  }
  return {
    width,
    height,
    topDown,
    bpp,
    compression,
    dibSize,
    pixelOffset,
    paletteOffset: headerEnd,
    paletteCount,
    paletteEntrySize,
    masks,
  };
}

/** Decodes a BMP file. Palettised files come back `indexed` with their palette; others as 8-bit RGB(A). */
export function decodeBmp(bytes: Uint8Array, name: string): Raster {
  const h = readBmpHeader(bytes, name);
  const { width, height, bpp, compression } = h;
  const rowOf = (fileRow: number): number => (h.topDown ? fileRow : height - 1 - fileRow);

  if (bpp <= 8) {
    const palette = new Uint8Array(h.paletteCount * 3);
    for (let i = 0; i < h.paletteCount; i++) {
      const o = h.paletteOffset + i * h.paletteEntrySize;
      palette[i * 3] = bytes[o + 2]!;
      palette[i * 3 + 1] = bytes[o + 1]!;
      palette[i * 3 + 2] = bytes[o]!;
    }
    let indices: Uint8Array;
    if (compression === BI_RLE8 || compression === BI_RLE4) {
      indices = decodeRle(bytes, h, name);
    } else {
      indices = new Uint8Array(width * height);
      const rowSize = Math.floor((bpp * width + 31) / 32) * 4;
      assertPixelBytes(bytes, h, rowSize, Math.ceil((bpp * width) / 8), name);
      const perByte = 8 / bpp;
      const mask = (1 << bpp) - 1;
      for (let r = 0; r < height; r++) {
        const src = h.pixelOffset + r * rowSize;
        const dst = rowOf(r) * width;
        if (bpp === 8) {
          indices.set(bytes.subarray(src, src + width), dst);
        } else {
          for (let x = 0; x < width; x++) {
            const byte = bytes[src + Math.floor(x / perByte)]!;
            const shift = 8 - bpp * ((x % perByte) + 1);
            indices[dst + x] = (byte >> shift) & mask;
          }
        }
      }
    }
    const encoding = compression === BI_RGB ? '' : ` ${COMPRESSION_NAMES[compression]}`;
    return {
      format: 'BMP',
      width,
      height,
      kind: 'indexed',
      samples: 1,
      bits: bpp,
      sampleType: 'uint',
      data: indices,
      palette,
      description: `${bpp}-bit palettised${encoding} BMP`,
    };
  }

  const bytesPerPixel = bpp / 8;
  const rowSize = Math.floor((bpp * width + 31) / 32) * 4;
  assertPixelBytes(bytes, h, rowSize, width * bytesPerPixel, name);
  const hasAlpha = h.masks[3] !== 0;
  const channels = hasAlpha ? 4 : 3;
  const out = new Uint8Array(width * height * channels);
  if (bpp === 24 || (bpp === 32 && compression === BI_RGB)) {
    for (let r = 0; r < height; r++) {
      let src = h.pixelOffset + r * rowSize;
      let dst = rowOf(r) * width * 3;
      for (let x = 0; x < width; x++, src += bytesPerPixel, dst += 3) {
        out[dst] = bytes[src + 2]!;
        out[dst + 1] = bytes[src + 1]!;
        out[dst + 2] = bytes[src]!;
      }
    }
  } else {
    const fields = h.masks.slice(0, channels).map(maskField);
    for (let r = 0; r < height; r++) {
      let src = h.pixelOffset + r * rowSize;
      let dst = rowOf(r) * width * channels;
      for (let x = 0; x < width; x++, src += bytesPerPixel) {
        const px = bpp === 16 ? u16(bytes, src) : u32(bytes, src);
        for (const f of fields) out[dst++] = f(px);
      }
    }
  }
  const encoding = compression === BI_RGB ? '' : ` ${COMPRESSION_NAMES[compression]}`;
  return {
    format: 'BMP',
    width,
    height,
    kind: hasAlpha ? 'rgba' : 'rgb',
    samples: channels,
    bits: 8,
    sampleType: 'uint',
    data: out,
    description: `${bpp}-bit ${hasAlpha ? 'RGBA' : 'RGB'}${encoding} BMP`,
  };
}

function assertPixelBytes(bytes: Uint8Array, h: BmpHeader, rowSize: number, lastRowBytes: number, name: string): void {
  const needed = h.pixelOffset + rowSize * (h.height - 1) + lastRowBytes;
  if (needed > bytes.length) {
    corrupt(
      name,
      `truncated BMP: ${h.width}x${h.height} ${h.bpp}-bit pixel data needs ${needed} bytes, the file has ${bytes.length}`,
    );
  }
}

/** Extracts one colour field from a packed pixel and scales it to 8 bits. */
function maskField(mask: number): (px: number) => number {
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  let bits = 0;
  while (((mask >>> (shift + bits)) & 1) === 1 && shift + bits < 32) bits++;
  const max = 2 ** bits - 1;
  if (bits >= 8) return (px) => ((px & mask) >>> shift) >>> (bits - 8);
  return (px) => Math.round((((px & mask) >>> shift) * 255) / max);
}

/** RLE8 / RLE4 decoding (bottom-up). Pixels the stream skips with deltas stay at index 0. */
function decodeRle(bytes: Uint8Array, h: BmpHeader, name: string): Uint8Array {
  const { width, height } = h;
  const rle4 = h.compression === BI_RLE4;
  const out = new Uint8Array(width * height);
  let x = 0;
  let y = 0; // file row, 0 = bottom
  let p = h.pixelOffset;
  const need = (n: number): void => {
    if (p + n > bytes.length)
      corrupt(name, `truncated BMP: RLE data ends early at byte ${bytes.length} (row ${y} of ${height})`);
  };
  const put = (value: number): void => {
    if (x >= width || y >= height) corrupt(name, `corrupt BMP: RLE data writes outside the ${width}x${height} image`);
    out[(height - 1 - y) * width + x] = value;
    x++;
  };
  for (;;) {
    need(2);
    const count = bytes[p]!;
    const value = bytes[p + 1]!;
    p += 2;
    if (count > 0) {
      for (let i = 0; i < count; i++) put(rle4 ? (i % 2 === 0 ? value >> 4 : value & 15) : value);
    } else if (value === 0) {
      x = 0;
      y++;
    } else if (value === 1) {
      return out;
    } else if (value === 2) {
      need(2);
      x += bytes[p]!;
      y += bytes[p + 1]!;
      p += 2;
    } else {
      const n = value;
      const dataBytes = rle4 ? Math.ceil(n / 2) : n;
      need(dataBytes);
      for (let i = 0; i < n; i++) {
        put(rle4 ? (i % 2 === 0 ? bytes[p + (i >> 1)]! >> 4 : bytes[p + (i >> 1)]! & 15) : bytes[p + i]!);
      }
      p += dataBytes + (dataBytes % 2);
    }
    if (y > height) corrupt(name, `corrupt BMP: RLE data runs past the last row (${height})`);
  }
}
