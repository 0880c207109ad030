import { inflateSync } from 'node:zlib';
import { decode, type TiffIfd } from 'tiff';
import { corrupt, type Raster } from './raster';

const PHOTOMETRIC_NAMES: Record<number, string> = {
  0: 'WhiteIsZero',
  1: 'BlackIsZero',
  2: 'RGB',
  3: 'palette',
  4: 'transparency mask',
  5: 'CMYK',
  6: 'YCbCr',
  8: 'CIELab',
};

/** At most this many samples (2^29: 2 GiB of 32-bit data) in one image. */
const MAX_SAMPLES = 2 ** 29;

function firstPage(bytes: Uint8Array, name: string, ignoreImageData: boolean): TiffIfd {
  if (bytes.length >= 4 && bytes[2]! + (bytes[3]! << 8) === 43) corrupt(name, 'unsupported TIFF: BigTIFF');
  let pages: TiffIfd[];
  try {
    pages = decode(bytes, { ignoreImageData, pages: [0] });
  } catch (error) {
    corrupt(name, `corrupt, truncated or unsupported TIFF: ${(error as Error).message}`, error);
  }
  if (pages.length === 0) corrupt(name, 'TIFF has no image');
  return pages[0]!;
}

/** Width and height of the first page, from the IFD only. */
export function tiffSize(bytes: Uint8Array, name: string): { width: number; height: number } {
  const ifd = firstPage(bytes, name, true);
  return { width: ifd.width, height: ifd.height };
}

/**
 * Decodes the first page of a TIFF. 8/16-bit and float data go through the `tiff` package; 32-bit
 * integer samples (which it does not read) through our strip reader (none, LZW, Deflate; predictor 2).
 */
export function decodeTiffRaster(bytes: Uint8Array, name: string): Raster {
  const meta = firstPage(bytes, name, true);
  const { width, height } = meta;
  if (!(width > 0 && height > 0)) corrupt(name, `corrupt TIFF: size ${width}x${height}`);
  const type = meta.type;
  if (type === undefined) corrupt(name, 'corrupt TIFF: no PhotometricInterpretation tag');
  if (type > 3) corrupt(name, `unsupported TIFF colour model: ${PHOTOMETRIC_NAMES[type] ?? `photometric ${type}`}`);
  if (meta.planarConfiguration !== 1) corrupt(name, 'unsupported TIFF: planar (separate-plane) sample layout');
  const spp = meta.samplesPerPixel;
  // a corrupted size field must not become a multi-gigabyte allocation (or a RangeError)
  if (width * height * spp > MAX_SAMPLES) {
    corrupt(
      name,
      `corrupt TIFF: ${width}x${height} with ${spp} samples per pixel is more than the ${MAX_SAMPLES} samples qfcn reads`,
    );
  }
  const bits = meta.bitsPerSample;
  const sampleFormat = meta.sampleFormat ?? 1;
  const sampleType = sampleFormat === 3 ? 'float' : sampleFormat === 2 ? 'int' : 'uint';

  let data: Raster['data'];
  if (bits === 32 && sampleType !== 'float') {
    data = readInt32Strips(bytes, meta, sampleType === 'int', name);
  } else {
    const page = firstPage(bytes, name, false);
    data = page.data as Raster['data'];
    if (sampleType === 'int' && data instanceof Uint16Array)
      data = new Int16Array(data.buffer, data.byteOffset, data.length);
    if (sampleType === 'int' && data instanceof Uint8Array)
      data = new Int8Array(data.buffer, data.byteOffset, data.length);
  }
  if (data.length !== width * height * spp) {
    corrupt(name, `truncated TIFF: ${data.length} of ${width * height * spp} samples decoded`);
  }

  let kind: Raster['kind'];
  let palette: Uint8Array | undefined;
  if (type === 3) {
    if (spp !== 1) corrupt(name, `corrupt TIFF: palette image with ${spp} samples per pixel`);
    kind = 'indexed';
    let entries: Array<[number, number, number]> | undefined;
    try {
      entries = meta.palette;
    } catch (error) {
      corrupt(name, `corrupt TIFF colour map: ${(error as Error).message}`, error);
    }
    if (!entries) corrupt(name, 'corrupt TIFF: palette image without a ColorMap');
    palette = new Uint8Array(entries.length * 3);
    entries.forEach(([r, g, b], i) => palette!.set([r >> 8, g >> 8, b >> 8], i * 3));
  } else if (type === 2) {
    if (spp !== 3 && spp !== 4) corrupt(name, `unsupported TIFF: RGB with ${spp} samples per pixel`);
    kind = spp === 3 ? 'rgb' : 'rgba';
  } else {
    if (spp !== 1 && spp !== 2) corrupt(name, `unsupported TIFF: grey with ${spp} samples per pixel`);
    kind = spp === 1 ? 'grey' : 'grey-alpha';
  }
  const typeText = sampleType === 'float' ? ' float' : sampleType === 'int' ? ' signed' : '';
  const kindText = { indexed: 'palettised', grey: 'grey', 'grey-alpha': 'grey+alpha', rgb: 'RGB', rgba: 'RGBA' }[kind];
  return {
    format: 'TIFF',
    width,
    height,
    kind,
    samples: spp,
    bits,
    sampleType,
    data,
    palette,
    description: `${bits}-bit${typeText} ${kindText} TIFF`,
  };
}

function readInt32Strips(bytes: Uint8Array, ifd: TiffIfd, signed: boolean, name: string): Uint32Array | Int32Array {
  if (ifd.tiled) corrupt(name, 'unsupported TIFF: tiled 32-bit integer data (re-save it in strips)');
  const { width, height } = ifd;
  const spp = ifd.samplesPerPixel;
  const rowBytes = width * spp * 4;
  const total = rowBytes * height;
  const offsets = ifd.stripOffsets;
  const rowsPerStrip = Math.min(ifd.rowsPerStrip, height);
  let counts = ifd.stripByteCounts;
  const compression = ifd.compression;
  if (!offsets || offsets.length === 0) corrupt(name, 'corrupt TIFF: no StripOffsets');
  if (!counts || counts.length === 0) {
    if (compression !== 1) corrupt(name, 'corrupt TIFF: compressed strips without StripByteCounts');
    counts = offsets.map(() => rowsPerStrip * rowBytes);
  }
  const raw = new Uint8Array(total);
  let pos = 0;
  for (let i = 0; i < offsets.length && pos < total; i++) {
    const start = offsets[i]!;
    const end = start + counts[i]!;
    if (end > bytes.length)
      corrupt(name, `truncated TIFF: strip ${i} ends at byte ${end}, the file has ${bytes.length}`);
    const strip = bytes.subarray(start, end);
    let plain: Uint8Array;
    if (compression === 1) plain = strip;
    else if (compression === 8 || compression === 32946) {
      try {
        plain = inflateSync(strip);
      } catch (error) {
        corrupt(name, `corrupt TIFF: Deflate strip ${i}: ${(error as Error).message}`, error);
      }
    } else if (compression === 5) plain = decodeLzw(strip, name);
    else
      corrupt(
        name,
        `unsupported TIFF compression ${compression} for 32-bit integer data (supported: none, LZW, Deflate)`,
      );
    const n = Math.min(plain.length, total - pos, rowsPerStrip * rowBytes);
    raw.set(plain.subarray(0, n), pos);
    pos += n;
  }
  if (pos < total) corrupt(name, `truncated TIFF: ${pos} of ${total} bytes of 32-bit pixel data`);
  const little = bytes[0] === 0x49;
  const view = new DataView(raw.buffer);
  const out = signed ? new Int32Array(width * height * spp) : new Uint32Array(width * height * spp);
  for (let i = 0; i < out.length; i++) out[i] = signed ? view.getInt32(i * 4, little) : view.getUint32(i * 4, little);
  if (ifd.predictor === 2) {
    for (let y = 0; y < height; y++) {
      const row = y * width * spp;
      for (let i = spp; i < width * spp; i++) out[row + i] = out[row + i]! + out[row + i - spp]!;
    }
  } else if (ifd.predictor !== 1) {
    corrupt(name, `unsupported TIFF predictor ${ifd.predictor} for 32-bit integer data`);
  }
  return out;
}

/** TIFF LZW (MSB-first codes, 9 to 12 bits, "early change"). */
export function decodeLzw(input: Uint8Array, name: string): Uint8Array {
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const first = new Uint8Array(4096);
  const length = new Uint16Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    first[i] = i;
    length[i] = 1;
  }
  let out = new Uint8Array(Math.max(1024, input.length * 4));
  let outPos = 0;
  const emit = (code: number): void => {
    const n = length[code]!;
    if (outPos + n > out.length) {
      const grown = new Uint8Array(Math.max(out.length * 2, outPos + n));
      grown.set(out.subarray(0, outPos));
      out = grown;
    }
    let c = code;
    for (let i = n - 1; i >= 0; i--) {
      out[outPos + i] = suffix[c]!;
      c = prefix[c]!;
    }
    outPos += n;
  };
  let bitPos = 0;
  const totalBits = input.length * 8;
  let width = 9;
  let next = 258;
  let prev = -1;
  while (bitPos + width <= totalBits) {
    let code = 0;
    for (let i = 0; i < width; i++, bitPos++) code = (code << 1) | ((input[bitPos >> 3]! >> (7 - (bitPos & 7))) & 1);
    if (code === 257) break;
    if (code === 256) {
      width = 9;
      next = 258;
      prev = -1;
      continue;
    }
    if (prev === -1) {
      if (code > 255) corrupt(name, `corrupt TIFF LZW data: code ${code} after a clear code`);
      emit(code);
      prev = code;
      continue;
    }
    if (code > next || next >= 4096) corrupt(name, `corrupt TIFF LZW data: code ${code} (next free code ${next})`);
    const known = code < next;
    if (next < 4096) {
      prefix[next] = prev;
      suffix[next] = known ? first[code]! : first[prev]!;
      first[next] = first[prev]!;
      length[next] = length[prev]! + 1;
      next++;
    }
    emit(code);
    prev = code;
    if (next >= (1 << width) - 1 && width < 12) width++;
  }
  return out.subarray(0, outPos);
}
