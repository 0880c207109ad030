import { decode } from 'fast-png';
import { corrupt, type Raster } from './raster';

const KIND_BY_CHANNELS = { 1: 'grey', 2: 'grey-alpha', 3: 'rgb', 4: 'rgba' } as const;

/** Decodes a PNG through fast-png, unpacking 1/2/4-bit samples and checking the pixel data length. */
export function decodePngRaster(bytes: Uint8Array, name: string): Raster {
  let png: ReturnType<typeof decode>;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (error) {
    corrupt(name, `corrupt or truncated PNG: ${(error as Error).message}`, error);
  }
  const { width, height, depth, channels } = png;
  if (!(channels in KIND_BY_CHANNELS)) corrupt(name, `unsupported PNG: ${channels} channels`);
  const indexed = channels === 1 && png.palette !== undefined;
  const packed = depth < 8;
  const expected = packed ? Math.ceil((width * depth) / 8) * height : width * height * channels;
  if (png.data.length !== expected) {
    corrupt(name, `truncated PNG: ${png.data.length} of ${expected} pixel values decoded`);
  }
  let data: Uint8Array | Uint16Array =
    png.data instanceof Uint16Array ? png.data : new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length);
  if (packed) data = unpack(data as Uint8Array, width, height, depth);

  let palette: Uint8Array | undefined;
  let paletteAlpha: Uint8Array | undefined;
  if (indexed) {
    const entries = png.palette ?? [];
    palette = new Uint8Array(entries.length * 3);
    entries.forEach((rgb, i) => palette!.set(rgb.slice(0, 3), i * 3));
    if (png.transparency) {
      paletteAlpha = new Uint8Array(entries.length).fill(255);
      png.transparency.forEach((a, i) => {
        if (i < entries.length) paletteAlpha![i] = a;
      });
    }
  }
  const kind = indexed ? 'indexed' : KIND_BY_CHANNELS[channels as 1 | 2 | 3 | 4];
  const kindText = { indexed: 'palettised', grey: 'grey', 'grey-alpha': 'grey+alpha', rgb: 'RGB', rgba: 'RGBA' }[kind];
  return {
    format: 'PNG',
    width,
    height,
    kind,
    samples: indexed ? 1 : channels,
    bits: depth,
    sampleType: 'uint',
    data,
    palette,
    paletteAlpha,
    description: `${depth}-bit ${kindText} PNG`,
  };
}

/** Reads the size from the IHDR chunk without decoding pixels. */
export function pngSize(bytes: Uint8Array, name: string): { width: number; height: number } {
  if (bytes.length < 24) corrupt(name, `truncated PNG: ${bytes.length} bytes, the IHDR chunk needs 24`);
  const chunk = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
  if (chunk !== 'IHDR') corrupt(name, `corrupt PNG: first chunk is "${chunk}", not IHDR`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function unpack(packed: Uint8Array, width: number, height: number, depth: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const rowBytes = Math.ceil((width * depth) / 8);
  const perByte = 8 / depth;
  const mask = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const byte = packed[y * rowBytes + Math.floor(x / perByte)]!;
      out[y * width + x] = (byte >> (8 - depth * ((x % perByte) + 1))) & mask;
    }
  }
  return out;
}
