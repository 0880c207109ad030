import type { Image } from '@qfcn/contract';
import type { Rng } from '../rng/createRng';
import { standardNormal } from './normal';

/**
 * Gaussian blur with standard deviation `sigma` (pixels): a separable kernel of radius ceil(3σ), weights
 * exp(−t²/2σ²) normalised to sum 1, borders clamped (edge pixels repeat), rounded half up. Blurs grey
 * or RGB; an alpha channel is copied. Two passes (rows through a padded row buffer, then columns
 * accumulated row by row), each O(pixels · radius) on float32 buffers; sigma 0 returns a copy.
 */
export function gaussianBlur(image: Image, sigma: number): Image {
  const { width: w, height: h, channels: c, data } = image;
  const out = new Uint8Array(data.length);
  const r = Math.ceil(3 * sigma);
  if (!(r > 0)) {
    out.set(data);
    return { width: w, height: h, channels: image.channels, data: out };
  }
  const kernel = new Float64Array(r + 1); // the weight of offsets ±t
  let total = 0;
  for (let t = 0; t <= r; t++) {
    kernel[t] = Math.exp((-t * t) / (2 * sigma * sigma));
    total += t === 0 ? kernel[t]! : 2 * kernel[t]!;
  }
  for (let t = 0; t <= r; t++) kernel[t]! /= total;
  const k0 = kernel[0]!;
  const rowLen = w * c;

  // rows: each row copied between r clamped pixels on either side, then a branch-free convolution
  const horizontal = new Float32Array(data.length);
  const pad = r * c;
  const padded = new Float32Array(rowLen + 2 * pad);
  for (let y = 0; y < h; y++) {
    const row = y * rowLen;
    for (let i = 0; i < rowLen; i++) padded[pad + i] = data[row + i]!;
    for (let x = 0; x < r; x++) {
      for (let k = 0; k < c; k++) {
        padded[x * c + k] = data[row + k]!;
        padded[pad + rowLen + x * c + k] = data[row + rowLen - c + k]!;
      }
    }
    for (let i = 0; i < rowLen; i++) {
      const q = pad + i;
      let sum = k0 * padded[q]!;
      for (let t = 1, o = c; t <= r; t++, o += c) sum += kernel[t]! * (padded[q - o]! + padded[q + o]!);
      horizontal[row + i] = sum;
    }
  }

  // columns: output row y accumulates the clamped rows y − r .. y + r
  const acc = new Float32Array(rowLen);
  for (let y = 0; y < h; y++) {
    const mid = y * rowLen;
    for (let i = 0; i < rowLen; i++) acc[i] = k0 * horizontal[mid + i]!;
    for (let t = 1; t <= r; t++) {
      const above = Math.max(y - t, 0) * rowLen;
      const below = (y + t >= h ? h - 1 : y + t) * rowLen;
      const wt = kernel[t]!;
      for (let i = 0; i < rowLen; i++) acc[i]! += wt * (horizontal[above + i]! + horizontal[below + i]!);
    }
    // acc is a convex combination of 0..255 values: + 0.5 and the Uint8Array store's truncation round half up
    for (let i = 0; i < rowLen; i++) out[mid + i] = acc[i]! + 0.5;
    if (c === 4) for (let i = mid + 3; i < mid + rowLen; i += 4) out[i] = data[i]!;
  }
  return { width: w, height: h, channels: image.channels, data: out };
}

/**
 * Adds N(0, sigma²) to every grey or RGB value (0..255 units), rounds half up and clamps to 0..255; an
 * alpha channel is copied. The variates come from `rng` (ziggurat, see `standardNormal`) in pixel order,
 * then channel order; `rng`'s own cached Box–Muller variate is neither used nor disturbed.
 */
export function addGaussianNoise(image: Image, rng: Rng, sigma: number): Image {
  const { width: w, height: h, channels: c, data } = image;
  const out = new Uint8Array(data.length);
  const end = w * h * c;
  // v + 0.5, clamped, then the Uint8Array store's truncation: round half up (faster than Math.round)
  if (c === 4) {
    for (let p = 0; p < end; p += 4) {
      for (let k = p; k < p + 3; k++) {
        const v = data[k]! + sigma * standardNormal(rng) + 0.5;
        out[k] = v <= 0 ? 0 : Math.min(v, 255);
      }
      out[p + 3] = data[p + 3]!;
    }
  } else {
    for (let p = 0; p < end; p++) {
      const v = data[p]! + sigma * standardNormal(rng) + 0.5;
      out[p] = v <= 0 ? 0 : Math.min(v, 255);
    }
  }
  return { width: w, height: h, channels: image.channels, data: out };
}
