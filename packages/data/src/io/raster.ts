import { DataError } from '@qfcn/contract';

/**
 * A decoded raster as stored in the file, before it becomes a contract `Image` or `LabelMap`.
 * Internal to @qfcn/data: `readImage` and `readLabelMap` interpret it.
 */
export interface Raster {
  readonly format: 'BMP' | 'PNG' | 'TIFF';
  readonly width: number;
  readonly height: number;
  /** What one pixel is. `indexed`: `data` holds palette indices, `palette` the colours. */
  readonly kind: 'grey' | 'grey-alpha' | 'rgb' | 'rgba' | 'indexed';
  /** Values per pixel in `data` (1 for grey and indexed). */
  readonly samples: number;
  /** Bits per sample in `data` (after unpacking: 1/2/4-bit samples are one value per element). */
  readonly bits: number;
  readonly sampleType: 'uint' | 'int' | 'float';
  readonly data:
    | Uint8Array
    | Uint16Array
    | Uint32Array
    | Int8Array
    | Int16Array
    | Int32Array
    | Float32Array
    | Float64Array;
  /** RGB triples, 8 bits each, for `indexed` rasters. */
  readonly palette?: Uint8Array;
  /** Per-entry alpha of the palette (PNG tRNS), when present. */
  readonly paletteAlpha?: Uint8Array;
  /** Human-readable description used in error messages, e.g. `8-bit palettised BMP`. */
  readonly description: string;
}

/** Throws the package's corrupt-input error for `name`. */
export function corrupt(name: string, problem: string, cause?: unknown): never {
  throw new DataError(problem, { path: name, cause });
}

/** `Grey` palettes (r = g = b for every entry) are read as grey images rather than RGB. */
export function isGreyPalette(palette: Uint8Array): boolean {
  for (let i = 0; i < palette.length; i += 3) {
    if (palette[i] !== palette[i + 1] || palette[i] !== palette[i + 2]) return false;
  }
  return true;
}
