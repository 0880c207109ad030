import type { Image, LabelMap, Sample } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { createRng, type Rng } from '../rng/createRng';
import { assertImage, assertLabelMap, assertSameSize } from '../util/validate';

export interface ColorJitterOptions {
  /** Brightness factor drawn from 1 ± brightness (default 0.1). */
  readonly brightness?: number;
  /** Contrast factor drawn from 1 ± contrast, around the image mean (default 0.1). */
  readonly contrast?: number;
  /** Saturation factor drawn from 1 ± saturation, around each pixel's grey (default 0.1). */
  readonly saturation?: number;
  /** Hue rotation drawn from ± hue turns, in YIQ space (default 0.02, i.e. ±7.2°). */
  readonly hue?: number;
}

export interface ElasticOptions {
  /** Standard deviation of the displacement at the control points, in pixels (default 4). */
  readonly alpha?: number;
  /** Distance between control points, in pixels; the field is bilinear between them (default 16). */
  readonly spacing?: number;
}

export interface AugmentOptions {
  /** Random crop to this size (a number for a square); default none. Larger than the image → error. */
  readonly crop?: number | { readonly width: number; readonly height: number };
  /** Horizontal and vertical flips, each with probability 1/2 (default true). */
  readonly flip?: boolean;
  /** Rotation by 0, 90, 180 or 270 degrees, uniformly (default true). 90 and 270 swap width and height. */
  readonly rotate90?: boolean;
  /** Mild colour jitter (default on with the defaults of `ColorJitterOptions`); false turns it off. */
  readonly colorJitter?: false | ColorJitterOptions;
  /** Elastic deformation (default off); true or options turn it on. */
  readonly elastic?: boolean | ElasticOptions;
}

/**
 * Randomly augments a training sample — crop, flips, 90° rotations, colour jitter, optional elastic
 * deformation — transforming its label map consistently.
 *
 * When to use: every training step of the FCN (SPEC §3: random crops, flips, 90° rotations, mild colour
 * jitter).
 *
 * Details: `rng` is a seed or an `Rng`; a seed makes the call reproducible, an `Rng` is advanced (so
 * a training loop with one `Rng` gets a new augmentation per call and stays reproducible). Order: crop
 * (uniform position) → horizontal flip → vertical flip → clockwise rotation → elastic → colour.
 * Geometric steps move pixels exactly, so image and labels stay aligned pixel for pixel; the elastic
 * warp samples the image bilinearly and the labels by nearest neighbour (labels are never blended),
 * clamping at the borders. Colour jitter changes RGB(A) images only in RGB (brightness and contrast
 * only for grey), never the labels. Unlabeled samples are augmented too. The result is a new sample
 * with the same id and meta; the input is not modified.
 * Errors (`InvalidArgumentError`): crop larger than the image or not a positive integer, negative
 * jitter or elastic settings, malformed image or label map, label size ≠ image size.
 *
 * @example
 * const rng = createRng(7);
 * for (const step of steps) {
 *   const batch = samples.map((s) => augment(s, rng, { crop: 96 }));
 * }
 */
export function augment(sample: Sample, rng: Rng | number | string, options: AugmentOptions = {}): Sample {
  const random = typeof rng === 'object' && rng !== null ? rng : createRng(rng);
  const { image, label } = sample;
  assertImage(image, 'sample.image');
  if (label) {
    assertLabelMap(label, 'sample.label');
    assertSameSize(image, label, 'sample.label');
  }
  const { width, height } = image;

  // crop, flips and rotation as one map from output pixels to source pixel indices
  let cw = width;
  let ch = height;
  let cx = 0;
  let cy = 0;
  if (options.crop !== undefined) {
    const c = typeof options.crop === 'number' ? { width: options.crop, height: options.crop } : options.crop;
    if (!Number.isInteger(c.width) || !Number.isInteger(c.height) || c.width < 1 || c.height < 1) {
      throw new InvalidArgumentError('crop', `must be positive integers, got ${c.width}x${c.height}`);
    }
    if (c.width > width || c.height > height) {
      throw new InvalidArgumentError('crop', `crop ${c.width}x${c.height} is larger than the ${width}x${height} image of '${sample.id}'`);
    }
    cw = c.width;
    ch = c.height;
    cx = random.int(width - cw + 1);
    cy = random.int(height - ch + 1);
  }
  let map: Int32Array = new Int32Array(cw * ch);
  for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) map[y * cw + x] = (cy + y) * width + cx + x;
  let mw = cw;
  let mh = ch;
  if (options.flip ?? true) {
    if (random.chance(0.5)) map = flipHorizontal(map, mw, mh);
    if (random.chance(0.5)) map = flipVertical(map, mw, mh);
  }
  if (options.rotate90 ?? true) {
    const k = random.int(4);
    for (let i = 0; i < k; i++) {
      map = rotateClockwise(map, mw, mh);
      [mw, mh] = [mh, mw];
    }
  }
  let outImage: Image = gatherImage(image, map, mw, mh);
  let outLabel: LabelMap | undefined = label ? gatherLabels(label, map, mw, mh) : undefined;

  if (options.elastic) {
    const e = options.elastic === true ? {} : options.elastic;
    const alpha = e.alpha ?? 4;
    const spacing = e.spacing ?? 16;
    if (!(alpha >= 0) || !(spacing > 0)) throw new InvalidArgumentError('elastic', `alpha must be ≥ 0 and spacing > 0, got ${alpha} and ${spacing}`);
    [outImage, outLabel] = elasticWarp(outImage, outLabel, random, alpha, spacing);
  }

  if (options.colorJitter !== false) {
    const j = options.colorJitter ?? {};
    const settings = { brightness: j.brightness ?? 0.1, contrast: j.contrast ?? 0.1, saturation: j.saturation ?? 0.1, hue: j.hue ?? 0.02 };
    for (const [k, v] of Object.entries(settings)) {
      if (!(v >= 0)) throw new InvalidArgumentError(`colorJitter.${k}`, `must be ≥ 0, got ${v}`);
    }
    outImage = jitterColours(outImage, random, settings);
  }

  const result: Sample = { id: sample.id, image: outImage };
  return { ...result, ...(outLabel ? { label: outLabel } : {}), ...(sample.meta ? { meta: sample.meta } : {}) };
}

function flipHorizontal(map: Int32Array, w: number, h: number): Int32Array {
  const out = new Int32Array(map.length);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = map[y * w + (w - 1 - x)];
  return out;
}

function flipVertical(map: Int32Array, w: number, h: number): Int32Array {
  const out = new Int32Array(map.length);
  for (let y = 0; y < h; y++) out.set(map.subarray((h - 1 - y) * w, (h - y) * w), y * w);
  return out;
}

/** Clockwise by 90°: a w×h map becomes h×w; output (x, y) shows input (y, h − 1 − x). */
function rotateClockwise(map: Int32Array, w: number, h: number): Int32Array {
  const out = new Int32Array(map.length);
  for (let y = 0; y < w; y++) for (let x = 0; x < h; x++) out[y * h + x] = map[(h - 1 - x) * w + y];
  return out;
}

function gatherImage(image: Image, map: Int32Array, w: number, h: number): Image {
  const c = image.channels;
  const out = new Uint8Array(w * h * c);
  for (let i = 0; i < map.length; i++) {
    const s = map[i] * c;
    for (let k = 0; k < c; k++) out[i * c + k] = image.data[s + k];
  }
  return { width: w, height: h, channels: image.channels, data: out };
}

function gatherLabels(label: LabelMap, map: Int32Array, w: number, h: number): LabelMap {
  const Ctor = label.data.constructor as new (n: number) => LabelMap['data'];
  const out = new Ctor(w * h);
  for (let i = 0; i < map.length; i++) out[i] = label.data[map[i]];
  return { width: w, height: h, data: out };
}

function elasticWarp(image: Image, label: LabelMap | undefined, rng: Rng, alpha: number, spacing: number): [Image, LabelMap | undefined] {
  const { width: w, height: h, channels: c } = image;
  const gw = Math.ceil((w - 1) / spacing) + 1;
  const gh = Math.ceil((h - 1) / spacing) + 1;
  const gx = new Float32Array(gw * gh);
  const gy = new Float32Array(gw * gh);
  for (let i = 0; i < gx.length; i++) {
    gx[i] = rng.normal(0, alpha);
    gy[i] = rng.normal(0, alpha);
  }
  const outImage = new Uint8Array(w * h * c);
  const Ctor = label ? (label.data.constructor as new (n: number) => LabelMap['data']) : undefined;
  const outLabel = label && Ctor ? new Ctor(w * h) : undefined;
  for (let y = 0; y < h; y++) {
    const fy = y / spacing;
    const iy = Math.min(gh - 2, Math.floor(fy));
    const ty = gh === 1 ? 0 : fy - iy;
    for (let x = 0; x < w; x++) {
      const fx = x / spacing;
      const ix = Math.min(gw - 2, Math.floor(fx));
      const tx = gw === 1 ? 0 : fx - ix;
      const at = (g: Float32Array): number => {
        if (gw === 1 || gh === 1) return g[0];
        const a = g[iy * gw + ix];
        const b = g[iy * gw + ix + 1];
        const cc = g[(iy + 1) * gw + ix];
        const d = g[(iy + 1) * gw + ix + 1];
        return a + (b - a) * tx + (cc - a) * ty + (a - b - cc + d) * tx * ty;
      };
      const sx = Math.min(w - 1, Math.max(0, x + at(gx)));
      const sy = Math.min(h - 1, Math.max(0, y + at(gy)));
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(w - 1, x0 + 1);
      const y1 = Math.min(h - 1, y0 + 1);
      const ax = sx - x0;
      const ay = sy - y0;
      const p = (y * w + x) * c;
      for (let k = 0; k < c; k++) {
        const v00 = image.data[(y0 * w + x0) * c + k];
        const v10 = image.data[(y0 * w + x1) * c + k];
        const v01 = image.data[(y1 * w + x0) * c + k];
        const v11 = image.data[(y1 * w + x1) * c + k];
        outImage[p + k] = Math.round(v00 + (v10 - v00) * ax + (v01 - v00) * ay + (v00 - v10 - v01 + v11) * ax * ay);
      }
      if (label && outLabel) outLabel[y * w + x] = label.data[Math.round(sy) * w + Math.round(sx)];
    }
  }
  return [{ width: w, height: h, channels: image.channels, data: outImage }, label && outLabel ? { width: w, height: h, data: outLabel } : undefined];
}

function jitterColours(image: Image, rng: Rng, s: { brightness: number; contrast: number; saturation: number; hue: number }): Image {
  const b = 1 + rng.uniform(-s.brightness, s.brightness);
  const ct = 1 + rng.uniform(-s.contrast, s.contrast);
  const sat = 1 + rng.uniform(-s.saturation, s.saturation);
  const theta = 2 * Math.PI * rng.uniform(-s.hue, s.hue);
  const { width, height, channels: c, data } = image;
  const n = width * height;
  const out = new Uint8Array(data.length);
  const colour = c >= 3;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += colour ? 0.299 * data[i * c] + 0.587 * data[i * c + 1] + 0.114 * data[i * c + 2] : data[i];
  mean = (mean / n) * b;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
  for (let i = 0; i < n; i++) {
    const p = i * c;
    if (!colour) {
      out[p] = clamp(mean + (data[p] * b - mean) * ct);
      if (c === 4) out[p + 3] = data[p + 3];
      continue;
    }
    let r = data[p] * b;
    let g = data[p + 1] * b;
    let bl = data[p + 2] * b;
    r = mean + (r - mean) * ct;
    g = mean + (g - mean) * ct;
    bl = mean + (bl - mean) * ct;
    if (theta === 0 && sat === 1) {
      out[p] = clamp(r);
      out[p + 1] = clamp(g);
      out[p + 2] = clamp(bl);
      if (c === 4) out[p + 3] = data[p + 3];
      continue;
    }
    // YIQ: saturation scales the chroma (I, Q), hue rotates it
    const yy = 0.299 * r + 0.587 * g + 0.114 * bl;
    const i0 = 0.596 * r - 0.274 * g - 0.322 * bl;
    const q0 = 0.211 * r - 0.523 * g + 0.312 * bl;
    const ii = (i0 * cos - q0 * sin) * sat;
    const qq = (i0 * sin + q0 * cos) * sat;
    out[p] = clamp(yy + 0.956 * ii + 0.621 * qq);
    out[p + 1] = clamp(yy - 0.272 * ii - 0.647 * qq);
    out[p + 2] = clamp(yy - 1.106 * ii + 1.703 * qq);
    if (c === 4) out[p + 3] = data[p + 3];
  }
  return { width, height, channels: image.channels, data: out };
}
