/**
 * Start offsets of tiles of length `tile` covering `[0, length)` with at least `overlap` pixels
 * shared by neighbours, spread evenly; the last tile ends exactly at `length`. When `length <= tile`
 * there is one tile at 0 (the caller pads beyond `length`).
 */
export function tileStarts(length: number, tile: number, overlap: number): number[] {
  if (length <= tile) return [0];
  const stride = tile - overlap;
  const n = Math.ceil((length - tile) / stride) + 1;
  const starts: number[] = [];
  for (let i = 0; i < n; i++) starts.push(Math.round((i * (length - tile)) / (n - 1)));
  return starts;
}

/**
 * Blending weights along one axis of a tile: a raised-cosine ramp over `overlap` pixels on each side
 * that has a neighbouring tile, 1 elsewhere (image borders keep full weight: nothing else covers them).
 * Ramp values are `0.5 - 0.5·cos(π(i + 0.5)/overlap)`, strictly positive.
 */
export function blendWindow(tile: number, overlap: number, rampBefore: boolean, rampAfter: boolean): Float32Array {
  const w = new Float32Array(tile).fill(1);
  const ramp = Math.min(overlap, Math.floor(tile / 2));
  for (let i = 0; i < ramp; i++) {
    const v = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / ramp);
    if (rampBefore) w[i] = Math.min(w[i]!, v);
    if (rampAfter) w[tile - 1 - i] = Math.min(w[tile - 1 - i]!, v);
  }
  return w;
}

/** Mirror index into `[0, n)` without repeating the edge pixel (numpy "reflect"), any distance out. */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - m;
}
