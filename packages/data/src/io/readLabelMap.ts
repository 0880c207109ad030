import type { LabelMap } from '@qfcn/contract';
import { corrupt, type Raster } from './raster';
import { decodeRaster, loadSource, type ImageSource, type ReadOptions } from './source';

/**
 * Reads an instance label map (0 = background, 1..N = objects) from a BMP, PNG or TIFF file.
 *
 * When to use: ground-truth annotations and saved predictions. Values are returned exactly as stored:
 * nothing is relabelled, rescaled or looked up in a palette.
 *
 * Details:
 * - Palettised files (GlaS `*_anno.bmp`, palettised PNG/TIFF) return the raw palette INDICES, which
 *   are the labels; the palette colours are ignored.
 * - Grey PNG/TIFF: 1/2/4/8-bit → `Uint8Array`, 16-bit → `Uint16Array`, 32-bit → `Uint32Array`.
 *   Signed TIFF samples are accepted when none is negative and come back unsigned.
 * - RGB/RGBA/grey+alpha or float input → `DataError` "label map must be single-channel integer…";
 *   negative values, corrupt, truncated or unknown files → `DataError` naming the file.
 *
 * @example
 * const gt = readLabelMap('train_1_anno.bmp');  // Uint8Array of gland indices
 * const nuclei = readLabelMap('TCGA-21-5784-01Z-00-DX1_label.png'); // Uint16Array
 */
export function readLabelMap(source: ImageSource, options: ReadOptions = {}): LabelMap {
  const { bytes, name } = loadSource(source, options);
  return rasterToLabelMap(decodeRaster(bytes, name), name);
}

/** Converts a decoded raster to a label map, enforcing single-channel integer data. */
export function rasterToLabelMap(r: Raster, name: string): LabelMap {
  const { width, height } = r;
  if ((r.kind !== 'grey' && r.kind !== 'indexed') || r.samples !== 1 || r.sampleType === 'float') {
    corrupt(name, `label map must be single-channel integer (got ${r.description})`);
  }
  const src = r.data;
  if (r.sampleType === 'int') {
    for (let i = 0; i < src.length; i++) {
      if (src[i]! < 0)
        corrupt(name, `label map has a negative label ${src[i]} at pixel ${i % width},${Math.floor(i / width)}`);
    }
  }
  let data: Uint8Array | Uint16Array | Uint32Array;
  if (r.bits <= 8) data = src instanceof Uint8Array ? src : new Uint8Array(src);
  else if (r.bits === 16) data = src instanceof Uint16Array ? src : new Uint16Array(src);
  else if (r.bits === 32) data = src instanceof Uint32Array ? src : new Uint32Array(src);
  else corrupt(name, `label map must be single-channel integer of 1 to 32 bits (got ${r.description})`);
  return { width, height, data };
}
