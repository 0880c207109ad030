import { readFileSync } from 'node:fs';
import { DataError, InvalidArgumentError } from '@qfcn/contract';
import { decodeBmp, readBmpHeader } from './bmp';
import { decodePngRaster, pngSize } from './png';
import { corrupt, type Raster } from './raster';
import { decodeTiffRaster, tiffSize } from './tiff';

/** A file path, or the bytes of a BMP, PNG or TIFF file. */
export type ImageSource = string | Uint8Array | ArrayBuffer;

/** Options shared by the readers. */
export interface ReadOptions {
  /** Name used in error messages when reading bytes (default `'<bytes>'`); paths name themselves. */
  readonly name?: string;
}

export type ImageFormat = 'BMP' | 'PNG' | 'TIFF';

/** Loads a source into bytes, turning file-system failures into DataError. */
export function loadSource(source: ImageSource, options: ReadOptions = {}): { bytes: Uint8Array; name: string } {
  if (typeof source === 'string') {
    try {
      return { bytes: readFileSync(source), name: source };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const problem =
        code === 'ENOENT'
          ? 'file not found'
          : code === 'EISDIR'
            ? 'is a directory, not an image file'
            : `cannot read: ${(error as Error).message}`;
      throw new DataError(problem, { path: source, cause: error });
    }
  }
  const name = options.name ?? '<bytes>';
  if (source instanceof Uint8Array) return { bytes: source, name };
  if (source instanceof ArrayBuffer) return { bytes: new Uint8Array(source), name };
  throw new InvalidArgumentError(
    'source',
    `expected a file path, Uint8Array or ArrayBuffer, got ${source === null ? 'null' : typeof source}`,
  );
}

/** Identifies the format from the first bytes. */
export function detectFormat(bytes: Uint8Array, name: string): ImageFormat {
  if (bytes.length === 0) corrupt(name, 'empty file');
  if (bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d) return 'BMP';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'PNG';
  if (bytes.length >= 4 && ((bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d))) {
    const magic = bytes[0] === 0x49 ? bytes[2]! | (bytes[3]! << 8) : (bytes[2]! << 8) | bytes[3]!;
    if (magic === 42 || magic === 43) return 'TIFF';
  }
  const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return corrupt(name, `unknown image format (not BMP, PNG or TIFF); first bytes: ${head}`);
}

/** Decodes any supported file into a Raster. */
export function decodeRaster(bytes: Uint8Array, name: string): Raster {
  const format = detectFormat(bytes, name);
  if (format === 'BMP') return decodeBmp(bytes, name);
  if (format === 'PNG') return decodePngRaster(bytes, name);
  return decodeTiffRaster(bytes, name);
}

/** Reads width and height from the header only. */
export function headerSize(bytes: Uint8Array, name: string): { width: number; height: number; format: ImageFormat } {
  const format = detectFormat(bytes, name);
  if (format === 'BMP') {
    const h = readBmpHeader(bytes, name);
    return { width: h.width, height: h.height, format };
  }
  if (format === 'PNG') return { ...pngSize(bytes, name), format };
  return { ...tiffSize(bytes, name), format };
}
