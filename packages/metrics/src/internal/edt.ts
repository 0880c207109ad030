/**
 * Exact squared Euclidean distance transform on a pixel grid (internal core), after
 * P. Felzenszwalb and D. Huttenlocher, "Distance Transforms of Sampled Functions" (2012):
 * a 1-D pass down every column (distance to the nearest target pixel in the same column), then the
 * lower envelope of parabolas along every row. Linear in the number of pixels; every distance is an
 * exact integer (squared), so comparisons and ties are exact.
 *
 * Masks are Uint8Array bit fields so that one buffer can hold two pixel sets (bit 1 and bit 2).
 */

/** Column distance meaning "no target pixel in this column". */
export const NO_TARGET = 1 << 30;

let colBuf = new Int32Array(0);
let vBuf = new Int32Array(0);
let fvBuf = new Float64Array(0);
let zBuf = new Float64Array(0);

export function scratch(pixels: number, width: number): void {
  if (colBuf.length < pixels) colBuf = new Int32Array(Math.max(pixels, colBuf.length * 2));
  if (vBuf.length < width + 1) {
    const n = Math.max(width + 1, vBuf.length * 2);
    vBuf = new Int32Array(n);
    fvBuf = new Float64Array(n);
    zBuf = new Float64Array(n + 1);
  }
}

/** col[p] = vertical distance from pixel p to the nearest pixel with `bit` set in its column, or NO_TARGET. */
export function verticalPass(mask: Uint8Array, bit: number, width: number, height: number, col: Int32Array): void {
  for (let x = 0; x < width; x++) col[x] = mask[x]! & bit ? 0 : NO_TARGET;
  for (let y = 1, p = width; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      if (mask[p]! & bit) col[p] = 0;
      else {
        const up = col[p - width]! + 1;
        col[p] = Math.min(up, NO_TARGET);
      }
    }
  }
  for (let y = height - 2; y >= 0; y--) {
    for (let x = 0, p = y * width; x < width; x++, p++) {
      const below = col[p + width]! + 1;
      if (below < col[p]!) col[p] = below;
    }
  }
}

/**
 * Lower envelope of the parabolas (x - q)^2 + col[off + q]^2 for the row starting at `off`.
 * Fills vBuf (apex positions), fvBuf (apex heights) and zBuf (interval starts); returns the index of
 * the last parabola, or -1 when the row has no finite value.
 */
export function envelope(col: Int32Array, off: number, width: number): number {
  const v = vBuf;
  const fv = fvBuf;
  const z = zBuf;
  let k = -1;
  for (let q = 0; q < width; q++) {
    const d = col[off + q]!;
    if (d >= NO_TARGET) continue;
    const fq = d * d;
    if (k < 0) {
      k = 0;
      v[0] = q;
      fv[0] = fq;
      z[0] = -Infinity;
      continue;
    }
    let s: number;
    for (;;) {
      const vk = v[k]!;
      s = (fq + q * q - fv[k]! - vk * vk) / (2 * (q - vk));
      if (s <= z[k]!)
        k--; // z[0] = -Infinity stops this before k < 0
      else break;
    }
    k++;
    v[k] = q;
    fv[k] = fq;
    z[k] = s;
  }
  if (k >= 0) z[k + 1] = Infinity;
  return k;
}

/**
 * Squared Euclidean distance from every pixel to the nearest pixel with `bit` set in `mask`
 * (0 on such pixels; Infinity everywhere when no pixel has the bit). Writes `out[0 .. width*height)`.
 */
export function squaredDistanceTransform(
  mask: Uint8Array,
  bit: number,
  width: number,
  height: number,
  out: Float64Array,
): void {
  scratch(width * height, width);
  const col = colBuf;
  verticalPass(mask, bit, width, height, col);
  const v = vBuf;
  const fv = fvBuf;
  const z = zBuf;
  for (let y = 0; y < height; y++) {
    const off = y * width;
    const k = envelope(col, off, width);
    if (k < 0) {
      out.fill(Infinity, off, off + width);
      continue;
    }
    let j = 0;
    for (let x = 0; x < width; x++) {
      while (z[j + 1]! < x) j++;
      const dx = x - v[j]!;
      out[off + x] = dx * dx + fv[j]!;
    }
  }
}

/** The lower-envelope buffers filled by `envelope`: apex positions, apex heights, interval starts. */
export function envelopeBuffers(): { v: Int32Array; fv: Float64Array; z: Float64Array } {
  return { v: vBuf, fv: fvBuf, z: zBuf };
}
