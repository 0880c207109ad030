import type { Image, LabelMap, Sample } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { createRng, type Rng } from '../rng/createRng';
import { assertImage, assertLabelMap, assertSameSize } from '../util/validate';
import { addGaussianNoise, gaussianBlur } from './filters';
import { jitterStains } from './stain';

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

/**
 * HED stain jitter (Tellez et al. 2018, 2019): each stain concentration c ∈ {H, E, D} becomes
 * c·α + β with α ~ U(1 − sigma, 1 + sigma) and β ~ U(−bias, bias), drawn per call.
 *
 * When to use: H&E histology (GlaS, MoNuSeg), to make the network robust to stain variation between
 * labs, scanners and batches; it is the colour augmentation of `HE_AUGMENTATION`.
 *
 * Details: colour deconvolution with the Ruifrok & Johnston (2001) H, E, DAB vectors (unit rows of the
 * stain matrix M, M⁻¹ computed at module load); optical density OD = −ln((I + 1) / 256) per channel
 * (natural log; white is OD 0, black ln 256 ≈ 5.55), concentrations [h, e, d] = OD · M⁻¹, back to
 * I = 256·e^−OD − 1, rounded half up and clamped to 0..255. `bias` is in these concentration units
 * (other implementations scale OD differently, so bias values carry over only roughly). sigma 0.05
 * and bias 0.05 correspond to Tellez et al.'s "HED-light", 0.2/0.2 to their "HED-strong". RGB(A)
 * only: alpha is kept, and a grey image is left unchanged (the six numbers are still drawn, so the
 * random stream does not depend on the image's channels). sigma 0 and bias 0 reproduce the image.
 */
export interface StainOptions {
  /** Half-width of the multiplicative factor's range, α ~ U(1 − sigma, 1 + sigma); 0..1 (default 0.05). */
  readonly sigma?: number;
  /** Half-width of the additive shift's range, β ~ U(−bias, bias), in OD concentration units; ≥ 0 (default 0.05). */
  readonly bias?: number;
}

/**
 * Random isotropic scaling that keeps the output size.
 *
 * When to use: objects whose size varies between images or scanners (nuclei at 20× vs 40×, GlaS at
 * varying gland size); mild ranges (0.8..1.25) keep the texture realistic.
 *
 * Details: a factor s is drawn log-uniformly from [min, max] (so 0.8 and 1.25 are equally likely); a
 * source window of (crop / s) pixels is placed uniformly at random inside the image and resampled to
 * the crop size (the whole image's size without `crop`): bilinear for the image, nearest neighbour for
 * the labels (never blended), pixel centres aligned, clamped at the borders. s > 1 zooms in. When the
 * image is too small for the window (zoom-out, or any s < 1 without `crop`), s is raised to the
 * smallest factor that fits, crop / image size. When s is exactly 1 the window sits at a whole-pixel
 * position, so the output is an exact crop.
 */
export interface ScaleOptions {
  /** Smallest scale factor, > 0 (default 0.8). */
  readonly min?: number;
  /** Largest scale factor, ≥ min (default 1.25). */
  readonly max?: number;
}

/**
 * Random Gaussian blur of the image (labels untouched).
 *
 * When to use: focus and scanner-optics variation in whole-slide images (out-of-focus regions are
 * common in MoNuSeg and GlaS tiles).
 *
 * Details: with the given probability, a sigma ~ U(0, maxSigma) pixels is drawn and the image is
 * filtered with a separable Gaussian kernel of radius ceil(3σ), borders clamped. Grey and RGB are
 * blurred, alpha is copied. Draws one number when not applied, two when applied.
 */
export interface BlurOptions {
  /** Largest standard deviation in pixels, ≥ 0 (default 1). */
  readonly maxSigma?: number;
  /** Probability that a call blurs, 0..1 (default 0.5). */
  readonly probability?: number;
}

/**
 * Random additive Gaussian noise on the image (labels untouched).
 *
 * When to use: sensor and compression noise; keeps the network from relying on perfectly clean pixels.
 *
 * Details: with the given probability, a sigma ~ U(0, maxSigma) is drawn (0..255 units) and every
 * pixel's grey or RGB values get independent N(0, sigma²) noise, rounded and clamped to 0..255; alpha
 * is copied. Draws one number when not applied; when applied, sigma and then the normal variates, in
 * pixel and channel order.
 */
export interface NoiseOptions {
  /** Largest standard deviation in 0..255 units, ≥ 0 (default 5). */
  readonly maxSigma?: number;
  /** Probability that a call adds noise, 0..1 (default 0.5). */
  readonly probability?: number;
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
  /** HED stain jitter (default off); true uses sigma 0.05 and bias 0.05. See {@link StainOptions}. */
  readonly stain?: boolean | StainOptions;
  /** Random isotropic scaling that keeps the crop size (default off); true uses 0.8..1.25. See {@link ScaleOptions}. */
  readonly scale?: boolean | ScaleOptions;
  /** Random Gaussian blur (default off); true uses maxSigma 1, probability 0.5. See {@link BlurOptions}. */
  readonly blur?: boolean | BlurOptions;
  /** Random additive Gaussian noise (default off); true uses maxSigma 5, probability 0.5. See {@link NoiseOptions}. */
  readonly noise?: boolean | NoiseOptions;
}

/**
 * The augmentation recipe for H&E nuclei segmentation (MoNuSeg) and other H&E data: flips, 90°
 * rotations, HED stain jitter (sigma 0.05, bias 0.05), scaling 0.8..1.25, a mild elastic warp
 * (alpha 2, spacing 16), mild brightness and contrast (±10%, no YIQ saturation or hue: stain jitter
 * covers colour), blur (maxSigma 1, p 0.5) and noise (maxSigma 5, p 0.5).
 *
 * When to use: training on real H&E tiles; add the crop: `augment(s, rng, { ...HE_AUGMENTATION, crop: 256 })`.
 *
 * Details: frozen (nested objects too). Modelled on the cumulative recipe of Tellez et al. (2019):
 * basic geometry, morphology (scaling, elastic, blur, noise), brightness/contrast, then HED jitter at
 * their "light" strength. No crop: the caller sets it.
 */
export const HE_AUGMENTATION: AugmentOptions = Object.freeze({
  flip: true,
  rotate90: true,
  scale: Object.freeze({ min: 0.8, max: 1.25 }),
  elastic: Object.freeze({ alpha: 2, spacing: 16 }),
  colorJitter: Object.freeze({ brightness: 0.1, contrast: 0.1, saturation: 0, hue: 0 }),
  stain: Object.freeze({ sigma: 0.05, bias: 0.05 }),
  blur: Object.freeze({ maxSigma: 1, probability: 0.5 }),
  noise: Object.freeze({ maxSigma: 5, probability: 0.5 }),
});

/**
 * Randomly augments a training sample — crop, optional scaling, flips, 90° rotations, optional elastic
 * deformation, colour jitter, and optional HED stain jitter, blur and noise — transforming its label map
 * consistently.
 *
 * When to use: every training step of the FCN (docs/algorithms.md §3: random crops, flips, 90° rotations, mild colour
 * jitter); for real H&E data start from {@link HE_AUGMENTATION}.
 *
 * Details: `rng` is a seed or an `Rng`; a seed makes the call reproducible, an `Rng` is advanced (so
 * a training loop with one `Rng` gets a new augmentation per call and stays reproducible). Every random
 * choice comes from it. Order: crop or scale window (uniform position) → horizontal flip → vertical
 * flip → clockwise rotation → elastic → colour jitter → stain → blur → noise. The random numbers are
 * drawn in that order too (with scaling, its factor comes before the window position); a step that is
 * off draws nothing, so the options added later (`scale`, `stain`, `blur`, `noise`) leave the outputs
 * and the stream of calls without them exactly as they were.
 * Geometric steps move pixels exactly, so image and labels stay aligned pixel for pixel; scaling and
 * the elastic warp sample the image bilinearly and the labels by nearest neighbour (labels are never
 * blended), clamping at the borders. Colour jitter changes RGB(A) images only in RGB (brightness and
 * contrast only for grey), never the labels; stain jitter, blur and noise also change only the image
 * (stain jitter leaves grey images as they are; none of them changes alpha). Unlabeled samples are
 * augmented too. The result is a new sample with the same id and meta; the input is not modified.
 * Errors (`InvalidArgumentError`, naming the option): crop larger than the image or not a positive
 * integer, negative jitter or elastic settings, stain sigma outside 0..1 or negative bias, scale min ≤ 0
 * or max < min, negative blur/noise maxSigma, probability outside 0..1, malformed image or label map,
 * label size ≠ image size.
 *
 * @example
 * const rng = createRng(7);
 * for (const step of steps) {
 *   const batch = samples.map((s) => augment(s, rng, { ...HE_AUGMENTATION, crop: 96 }));
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
  const scale = scaleSettings(options.scale);
  const stain = stainSettings(options.stain);
  const blur = chanceSettings(options.blur, 'blur', 1, 0.5);
  const noise = chanceSettings(options.noise, 'noise', 5, 0.5);

  // crop (or scale window), flips and rotation as one map from output pixels to source pixel indices
  // (with scaling: to pixels of the crop-sized window, resampled from the image afterwards)
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
      throw new InvalidArgumentError(
        'crop',
        `crop ${c.width}x${c.height} is larger than the ${width}x${height} image of '${sample.id}'`,
      );
    }
    cw = c.width;
    ch = c.height;
    if (!scale) {
      cx = random.int(width - cw + 1);
      cy = random.int(height - ch + 1);
    }
  }
  const window = scale ? scaleWindow(width, height, cw, ch, random, scale.min, scale.max) : undefined;
  let map: Int32Array = new Int32Array(cw * ch);
  if (window) for (let i = 0; i < map.length; i++) map[i] = i;
  else for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) map[y * cw + x] = (cy + y) * width + cx + x;
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
  let outImage: Image = window ? resampleImage(image, map, mw, mh, window) : gatherImage(image, map, mw, mh);
  let outLabel: LabelMap | undefined = label
    ? window
      ? resampleLabels(label, map, mw, mh, window)
      : gatherLabels(label, map, mw, mh)
    : undefined;

  if (options.elastic) {
    const e = options.elastic === true ? {} : options.elastic;
    const alpha = e.alpha ?? 4;
    const spacing = e.spacing ?? 16;
    if (!(alpha >= 0) || !(spacing > 0))
      throw new InvalidArgumentError('elastic', `alpha must be ≥ 0 and spacing > 0, got ${alpha} and ${spacing}`);
    [outImage, outLabel] = elasticWarp(outImage, outLabel, random, alpha, spacing);
  }

  if (options.colorJitter !== false) {
    const j = options.colorJitter ?? {};
    const settings = {
      brightness: j.brightness ?? 0.1,
      contrast: j.contrast ?? 0.1,
      saturation: j.saturation ?? 0.1,
      hue: j.hue ?? 0.02,
    };
    for (const [k, v] of Object.entries(settings)) {
      if (!(v >= 0)) throw new InvalidArgumentError(`colorJitter.${k}`, `must be ≥ 0, got ${v}`);
    }
    outImage = jitterColours(outImage, random, settings);
  }

  if (stain) {
    const alpha = [0, 0, 0].map(() => random.uniform(1 - stain.sigma, 1 + stain.sigma));
    const beta = [0, 0, 0].map(() => random.uniform(-stain.bias, stain.bias));
    outImage = jitterStains(outImage, alpha, beta);
  }
  if (blur && random.chance(blur.probability)) outImage = gaussianBlur(outImage, random.uniform(0, blur.maxSigma));
  if (noise && random.chance(noise.probability))
    outImage = addGaussianNoise(outImage, random, random.uniform(0, noise.maxSigma));

  const result: Sample = { id: sample.id, image: outImage };
  return { ...result, ...(outLabel ? { label: outLabel } : {}), ...(sample.meta ? { meta: sample.meta } : {}) };
}

/** `undefined`/`false` → off, `true` → `{}`, an object → itself; anything else is an error. */
function enabled<T extends object>(
  value: boolean | T | undefined,
  name: string,
): T | Record<string, never> | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return {};
  if (typeof value === 'object' && value !== null) return value;
  throw new InvalidArgumentError(name, `must be a boolean or an options object, got ${String(value)}`);
}

function assertRange(value: number, name: string, lo: number, hi: number, loOpen = false): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && (loOpen ? value > lo : value >= lo) && value <= hi)) {
    const range = hi === Infinity ? `${loOpen ? '>' : '≥'} ${lo}` : `in ${loOpen ? '(' : '['}${lo}, ${hi}]`;
    throw new InvalidArgumentError(name, `must be a finite number ${range}, got ${String(value)}`);
  }
  return value;
}

function scaleSettings(value: AugmentOptions['scale']): { min: number; max: number } | undefined {
  const o = enabled(value, 'scale') as ScaleOptions | undefined;
  if (!o) return undefined;
  const min = assertRange(o.min ?? 0.8, 'scale.min', 0, Infinity, true);
  const max = assertRange(o.max ?? 1.25, 'scale.max', 0, Infinity, true);
  if (max < min) throw new InvalidArgumentError('scale.max', `must be ≥ scale.min, got min ${min} > max ${max}`);
  return { min, max };
}

function stainSettings(value: AugmentOptions['stain']): { sigma: number; bias: number } | undefined {
  const o = enabled(value, 'stain') as StainOptions | undefined;
  if (!o) return undefined;
  return {
    sigma: assertRange(o.sigma ?? 0.05, 'stain.sigma', 0, 1),
    bias: assertRange(o.bias ?? 0.05, 'stain.bias', 0, Infinity),
  };
}

function chanceSettings(
  value: boolean | BlurOptions | undefined,
  name: string,
  maxSigma: number,
  probability: number,
): { maxSigma: number; probability: number } | undefined {
  const o = enabled(value, name) as BlurOptions | undefined;
  if (!o) return undefined;
  return {
    maxSigma: assertRange(o.maxSigma ?? maxSigma, `${name}.maxSigma`, 0, Infinity),
    probability: assertRange(o.probability ?? probability, `${name}.probability`, 0, 1),
  };
}

/** Per window column (x) and row (y): the two bilinear source indices, the weight of the second, the nearest index. */
interface ScaleWindow {
  readonly x0: Int32Array;
  readonly x1: Int32Array;
  readonly ax: Float64Array;
  readonly nx: Int32Array;
  readonly y0: Int32Array;
  readonly y1: Int32Array;
  readonly ay: Float64Array;
  readonly ny: Int32Array;
}

/** Draws the scale factor (log-uniform) and the window position; maps the cw×ch window onto the image. */
function scaleWindow(
  width: number,
  height: number,
  cw: number,
  ch: number,
  rng: Rng,
  min: number,
  max: number,
): ScaleWindow {
  let s = Math.exp(rng.uniform(Math.log(min), Math.log(max)));
  s = Math.max(s, cw / width, ch / height); // the window (cw/s)×(ch/s) must fit in the image
  let ox: number;
  let oy: number;
  if (s === 1) {
    ox = rng.int(width - cw + 1);
    oy = rng.int(height - ch + 1);
  } else {
    ox = rng.uniform(0, Math.max(0, width - cw / s));
    oy = rng.uniform(0, Math.max(0, height - ch / s));
  }
  const [x0, x1, ax, nx] = windowAxis(ox, s, cw, width);
  const [y0, y1, ay, ny] = windowAxis(oy, s, ch, height);
  return { x0, x1, ax, nx, y0, y1, ay, ny };
}

/** Output index i samples source coordinate o + (i + 0.5)/s − 0.5 (pixel centres aligned), clamped. */
function windowAxis(
  origin: number,
  s: number,
  n: number,
  size: number,
): [Int32Array, Int32Array, Float64Array, Int32Array] {
  const i0 = new Int32Array(n);
  const i1 = new Int32Array(n);
  const t = new Float64Array(n);
  const near = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = Math.min(size - 1, Math.max(0, origin + (i + 0.5) / s - 0.5));
    const f = Math.floor(v);
    i0[i] = f;
    i1[i] = Math.min(size - 1, f + 1);
    t[i] = v - f;
    near[i] = Math.round(v);
  }
  return [i0, i1, t, near];
}

function resampleImage(image: Image, map: Int32Array, w: number, h: number, win: ScaleWindow): Image {
  const { width: iw, channels: c, data } = image;
  const cw = win.x0.length;
  const out = new Uint8Array(w * h * c);
  const { x0, x1, ax, y0, y1, ay } = win;
  for (let i = 0; i < map.length; i++) {
    const j = map[i]!;
    const wy = (j / cw) | 0;
    const wx = j - wy * cw;
    const a = x0[wx]! * c;
    const b = x1[wx]! * c;
    const tx = ax[wx]!;
    const r0 = y0[wy]! * iw * c;
    const r1 = y1[wy]! * iw * c;
    const ty = ay[wy]!;
    const p = i * c;
    for (let k = 0; k < c; k++) {
      const v00 = data[r0 + a + k]!;
      const v10 = data[r0 + b + k]!;
      const v01 = data[r1 + a + k]!;
      const v11 = data[r1 + b + k]!;
      // a convex combination of 0..255 values: + 0.5 and the store's truncation round half up
      out[p + k] = v00 + (v10 - v00) * tx + (v01 - v00) * ty + (v00 - v10 - v01 + v11) * tx * ty + 0.5;
    }
  }
  return { width: w, height: h, channels: image.channels, data: out };
}

function resampleLabels(label: LabelMap, map: Int32Array, w: number, h: number, win: ScaleWindow): LabelMap {
  const Ctor = label.data.constructor as new (n: number) => LabelMap['data'];
  const out = new Ctor(w * h);
  const cw = win.nx.length;
  const { nx, ny } = win;
  const lw = label.width;
  for (let i = 0; i < map.length; i++) {
    const j = map[i]!;
    const wy = (j / cw) | 0;
    out[i] = label.data[ny[wy]! * lw + nx[j - wy * cw]!]!;
  }
  return { width: w, height: h, data: out };
}

function flipHorizontal(map: Int32Array, w: number, h: number): Int32Array {
  const out = new Int32Array(map.length);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = map[y * w + (w - 1 - x)]!;
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
  for (let y = 0; y < w; y++) for (let x = 0; x < h; x++) out[y * h + x] = map[(h - 1 - x) * w + y]!;
  return out;
}

function gatherImage(image: Image, map: Int32Array, w: number, h: number): Image {
  const c = image.channels;
  const out = new Uint8Array(w * h * c);
  for (let i = 0; i < map.length; i++) {
    const s = map[i]! * c;
    for (let k = 0; k < c; k++) out[i * c + k] = image.data[s + k]!;
  }
  return { width: w, height: h, channels: image.channels, data: out };
}

function gatherLabels(label: LabelMap, map: Int32Array, w: number, h: number): LabelMap {
  const Ctor = label.data.constructor as new (n: number) => LabelMap['data'];
  const out = new Ctor(w * h);
  for (let i = 0; i < map.length; i++) out[i] = label.data[map[i]!]!;
  return { width: w, height: h, data: out };
}

function elasticWarp(
  image: Image,
  label: LabelMap | undefined,
  rng: Rng,
  alpha: number,
  spacing: number,
): [Image, LabelMap | undefined] {
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
        if (gw === 1 || gh === 1) return g[0]!;
        const a = g[iy * gw + ix]!;
        const b = g[iy * gw + ix + 1]!;
        const cc = g[(iy + 1) * gw + ix]!;
        const d = g[(iy + 1) * gw + ix + 1]!;
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
        const v00 = image.data[(y0 * w + x0) * c + k]!;
        const v10 = image.data[(y0 * w + x1) * c + k]!;
        const v01 = image.data[(y1 * w + x0) * c + k]!;
        const v11 = image.data[(y1 * w + x1) * c + k]!;
        outImage[p + k] = Math.round(v00 + (v10 - v00) * ax + (v01 - v00) * ay + (v00 - v10 - v01 + v11) * ax * ay);
      }
      if (label && outLabel) outLabel[y * w + x] = label.data[Math.round(sy) * w + Math.round(sx)]!;
    }
  }
  return [
    { width: w, height: h, channels: image.channels, data: outImage },
    label && outLabel ? { width: w, height: h, data: outLabel } : undefined,
  ];
}

function jitterColours(
  image: Image,
  rng: Rng,
  s: { brightness: number; contrast: number; saturation: number; hue: number },
): Image {
  const b = 1 + rng.uniform(-s.brightness, s.brightness);
  const ct = 1 + rng.uniform(-s.contrast, s.contrast);
  const sat = 1 + rng.uniform(-s.saturation, s.saturation);
  const theta = 2 * Math.PI * rng.uniform(-s.hue, s.hue);
  const { width, height, channels: c, data } = image;
  const n = width * height;
  const out = new Uint8Array(data.length);
  const colour = c >= 3;
  let mean = 0;
  for (let i = 0; i < n; i++)
    mean += colour ? 0.299 * data[i * c]! + 0.587 * data[i * c + 1]! + 0.114 * data[i * c + 2]! : data[i]!;
  mean = (mean / n) * b;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
  for (let i = 0; i < n; i++) {
    const p = i * c;
    if (!colour) {
      out[p] = clamp(mean + (data[p]! * b - mean) * ct);
      if (c === 4) out[p + 3] = data[p + 3]!;
      continue;
    }
    let r = data[p]! * b;
    let g = data[p + 1]! * b;
    let bl = data[p + 2]! * b;
    r = mean + (r - mean) * ct;
    g = mean + (g - mean) * ct;
    bl = mean + (bl - mean) * ct;
    if (theta === 0 && sat === 1) {
      out[p] = clamp(r);
      out[p + 1] = clamp(g);
      out[p + 2] = clamp(bl);
      if (c === 4) out[p + 3] = data[p + 3]!;
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
    if (c === 4) out[p + 3] = data[p + 3]!;
  }
  return { width, height, channels: image.channels, data: out };
}
