// Test support (not published): where the shared MoNuSeg tiles are, and a minimal reader for their
// 16-bit grayscale label PNGs, so the metrics tests need no PNG dependency.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import type { LabelMap } from '../types';

/**
 * `../shared/data/monuseg/train` beside the repository (found from this file, never an absolute path),
 * or `QFCN_MONUSEG_DIR`. It may be absent: callers skip with a message then.
 */
export const monusegTrainDir =
  process.env.QFCN_MONUSEG_DIR ??
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data/monuseg/train');

export const monusegAvailable = existsSync(monusegTrainDir);

/** Reads a non-interlaced 8- or 16-bit grayscale PNG (a label map) into a Uint8Array/Uint16Array map. */
export function readLabelPng(path: string): LabelMap {
  const buf = readFileSync(path);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error(`${path}: not a PNG`);
  let width = 0;
  let height = 0;
  let depth = 0;
  const idat: Buffer[] = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    const body = buf.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8]!;
      if (body[9] !== 0 || (depth !== 8 && depth !== 16) || body[12] !== 0) {
        throw new Error(`${path}: only non-interlaced 8/16-bit grayscale PNGs are read here`);
      }
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = depth / 8;
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i]!;
      const a = i >= bpp ? out[row + i - bpp]! : 0;
      const b = y > 0 ? out[row - stride + i]! : 0;
      const c = i >= bpp && y > 0 ? out[row - stride + i - bpp]! : 0;
      let v: number;
      if (filter === 0) v = x;
      else if (filter === 1) v = x + a;
      else if (filter === 2) v = x + b;
      else if (filter === 3) v = x + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new Error(`${path}: bad filter ${filter} in row ${y}`);
      out[row + i] = v & 255;
    }
  }
  if (depth === 8) return { width, height, data: out };
  const data = new Uint16Array(width * height);
  for (let p = 0; p < data.length; p++) data[p] = (out[2 * p]! << 8) | out[2 * p + 1]!;
  return { width, height, data };
}
