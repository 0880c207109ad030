/**
 * Test helper: assembles a BMP file from a header description and raw pixel bytes, so tests can state
 * exactly what is in the file (row order, padding, RLE codes) and check the decoder against it.
 */
export interface BmpSpec {
  width: number;
  /** Negative for top-down files. */
  height: number;
  bpp: number;
  compression?: number;
  /** 12 (core) or 40/56/108/124. */
  dibSize?: number;
  /** RGB triples. */
  palette?: number[][];
  /** R, G, B(, A) masks written after a 40-byte header or inside a larger one. */
  masks?: number[];
  /** The pixel array exactly as stored (rows, padding, RLE codes). */
  pixels: number[];
}

export function bmpBytes(spec: BmpSpec): Uint8Array {
  const dibSize = spec.dibSize ?? 40;
  const palette = spec.palette ?? [];
  const entry = dibSize === 12 ? 3 : 4;
  const maskBytes = dibSize === 40 && spec.masks ? spec.masks.length * 4 : 0;
  const pixelOffset = 14 + dibSize + maskBytes + palette.length * entry;
  const bytes = new Uint8Array(pixelOffset + spec.pixels.length);
  const v = new DataView(bytes.buffer);
  bytes[0] = 0x42;
  bytes[1] = 0x4d;
  v.setUint32(2, bytes.length, true);
  v.setUint32(10, pixelOffset, true);
  v.setUint32(14, dibSize, true);
  if (dibSize === 12) {
    v.setUint16(18, spec.width, true);
    v.setUint16(20, spec.height, true);
    v.setUint16(22, 1, true);
    v.setUint16(24, spec.bpp, true);
  } else {
    v.setInt32(18, spec.width, true);
    v.setInt32(22, spec.height, true);
    v.setUint16(26, 1, true);
    v.setUint16(28, spec.bpp, true);
    v.setUint32(30, spec.compression ?? 0, true);
    v.setUint32(46, palette.length, true);
  }
  if (spec.masks) spec.masks.forEach((m, i) => v.setUint32(54 + 4 * i, m, true));
  palette.forEach(([r, g, b], i) => bytes.set([b!, g!, r!], 14 + dibSize + maskBytes + i * entry));
  bytes.set(spec.pixels, pixelOffset);
  return bytes;
}
