import type { Image } from '@qfcn/contract';
import { corrupt, isGreyPalette, type Raster } from './raster';
import { decodeRaster, loadSource, type ImageSource, type ReadOptions } from './source';

/**
 * Reads a BMP, PNG or TIFF file (or its bytes) as an 8-bit contract `Image`.
 *
 * When to use: loading microscopy images for training, prediction or overlays. Label maps go through
 * `readLabelMap`, which keeps raw integer values instead.
 *
 * Details:
 * - Format from the file's signature, not its extension. TIFF: the first page.
 * - Channels: grey → 1; RGB → 3; RGBA → 4; grey+alpha → 4 (grey copied to R, G, B).
 * - Palettised (BMP 1/4/8-bit, PNG, TIFF): colours looked up; a palette whose entries are all grey
 *   gives a 1-channel image, any colour entry gives RGB (RGBA if a PNG tRNS chunk is present).
 * - 16-bit samples are scaled to 8 bits with `round(v / 257)`; 1/2/4-bit grey with `v * 255 / (2^b − 1)`.
 * - Errors (all `DataError`, naming the file): missing file, unknown format, truncated or corrupt
 *   data, unsupported encodings, float or signed samples, palette indices outside the palette.
 *
 * @example
 * const image = readImage('train_1.bmp');           // { width: 775, height: 522, channels: 3, data }
 * const same = readImage(bytes, { name: 'upload' }); // bytes of any supported file
 */
export function readImage(source: ImageSource, options: ReadOptions = {}): Image {
  const { bytes, name } = loadSource(source, options);
  return rasterToImage(decodeRaster(bytes, name), name);
}

/** Converts a decoded raster to an 8-bit Image (exported for the other readers of this package). */
export function rasterToImage(r: Raster, name: string): Image {
  const { width, height } = r;
  const n = width * height;
  if (r.sampleType !== 'uint')
    corrupt(name, `cannot read ${r.description} as an 8-bit image (${r.sampleType} samples)`);
  if (r.bits > 16) corrupt(name, `cannot read ${r.description} as an 8-bit image (more than 16 bits per sample)`);

  if (r.kind === 'indexed') {
    const palette = r.palette!;
    const count = palette.length / 3;
    const indices = r.data;
    for (let i = 0; i < n; i++) {
      if (indices[i]! >= count)
        corrupt(
          name,
          `${r.description}: palette index ${indices[i]} at pixel ${i % width},${Math.floor(i / width)} outside its ${count}-colour palette`,
        );
    }
    if (r.paletteAlpha) {
      const data = new Uint8Array(n * 4);
      for (let i = 0; i < n; i++) {
        const k = indices[i]!;
        data.set(palette.subarray(k * 3, k * 3 + 3), i * 4);
        data[i * 4 + 3] = r.paletteAlpha[k]!;
      }
      return { width, height, channels: 4, data };
    }
    if (isGreyPalette(palette)) {
      const data = new Uint8Array(n);
      for (let i = 0; i < n; i++) data[i] = palette[indices[i]! * 3]!;
      return { width, height, channels: 1, data };
    }
    const data = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) {
      const k = indices[i]! * 3;
      data[i * 3] = palette[k]!;
      data[i * 3 + 1] = palette[k + 1]!;
      data[i * 3 + 2] = palette[k + 2]!;
    }
    return { width, height, channels: 3, data };
  }

  const scaled = to8Bit(r);
  if (r.kind === 'grey-alpha') {
    const data = new Uint8Array(n * 4);
    for (let i = 0; i < n; i++) {
      const v = scaled[i * 2]!;
      data[i * 4] = v;
      data[i * 4 + 1] = v;
      data[i * 4 + 2] = v;
      data[i * 4 + 3] = scaled[i * 2 + 1]!;
    }
    return { width, height, channels: 4, data };
  }
  const channels = r.kind === 'grey' ? 1 : r.kind === 'rgb' ? 3 : 4;
  return { width, height, channels, data: scaled };
}

function to8Bit(r: Raster): Uint8Array {
  const src = r.data;
  if (r.bits === 8 && src instanceof Uint8Array) return src;
  const out = new Uint8Array(src.length);
  if (r.bits === 16) {
    for (let i = 0; i < src.length; i++) out[i] = Math.round(src[i]! / 257);
  } else if (r.bits < 8) {
    const max = 2 ** r.bits - 1;
    for (let i = 0; i < src.length; i++) out[i] = Math.round((src[i]! * 255) / max);
  } else {
    for (let i = 0; i < src.length; i++) out[i] = src[i]!;
  }
  return out;
}
