import type { Image } from '@qfcn/contract';

/**
 * HED colour deconvolution (Ruifrok & Johnston 2001) and the stain jitter of Tellez et al. (2018, 2019).
 *
 * Optical density of an 8-bit intensity v is OD(v) = −ln((v + 1) / 256): natural logarithm, the +1 keeps
 * black finite (OD(0) = ln 256 ≈ 5.545) and white is exactly 0 (OD(255) = 0). Its inverse is
 * v = 256·exp(−OD) − 1. A pixel's OD row vector is the stain concentrations times the stain matrix:
 * od = [h, e, d] · M, with M's rows the unit-length haematoxylin, eosin and DAB absorbance vectors of
 * Ruifrok & Johnston, the same rows skimage's `rgb_from_hed` uses (skimage leaves them unnormalised;
 * they are within 0.3% of unit length). On H&E slides the DAB channel holds what H and E do not explain.
 * M⁻¹ is computed here once, at module load, from these constants.
 */

const RUIFROK_HED: readonly (readonly [number, number, number])[] = [
  [0.65, 0.7, 0.29], // haematoxylin
  [0.07, 0.99, 0.11], // eosin
  [0.27, 0.57, 0.78], // DAB
];

/** The stain matrix M (row-major 3×3): rows H, E, D normalised to unit length; od = [h, e, d] · M. */
export const STAIN_MATRIX: Float64Array = Float64Array.from(
  RUIFROK_HED.flatMap((row) => {
    const n = Math.hypot(row[0], row[1], row[2]);
    return row.map((v) => v / n);
  }),
);

/** M⁻¹ (row-major 3×3): [h, e, d] = od · M⁻¹. */
export const STAIN_MATRIX_INVERSE: Float64Array = invert3x3(STAIN_MATRIX);

/** OD(v) = −ln((v + 1) / 256), computed as ln(256 / (v + 1)) (so OD(255) is +0), for v = 0..255. */
export const OPTICAL_DENSITY: Float64Array = Float64Array.from({ length: 256 }, (_, v) => Math.log(256 / (v + 1)));

/** Optical densities at or below this become 255 (256·e^−OD − 1 ≥ 254.5), at or above OD_BLACK 0. */
const OD_WHITE = -Math.log(255.5 / 256);
const OD_BLACK = Math.log(256 / 0.5);

/**
 * 256·e^−OD − 1 at OD = k / 1024 for OD in [0, OD_BLACK], interpolated linearly in between: at most
 * 256·h²/8 ≈ 3·10⁻⁵ off (plus float32 rounding, 1.5·10⁻⁵), about 7× faster than Math.exp.
 */
const EXP_STEPS = 1024;
const EXP_TABLE = Float32Array.from(
  { length: Math.ceil(OD_BLACK * EXP_STEPS) + 2 },
  (_, k) => 256 * Math.exp(-k / EXP_STEPS) - 1,
);

/** Stain concentrations [h, e, d] of an RGB pixel (8-bit values). */
export function rgbToHed(r: number, g: number, b: number): [number, number, number] {
  const od = [OPTICAL_DENSITY[r], OPTICAL_DENSITY[g], OPTICAL_DENSITY[b]];
  const m = STAIN_MATRIX_INVERSE;
  return [0, 1, 2].map((j) => od[0]! * m[j]! + od[1]! * m[3 + j]! + od[2]! * m[6 + j]!) as [number, number, number];
}

/** RGB (unrounded, unclamped: 256·e^−OD − 1) of stain concentrations [h, e, d]. */
export function hedToRgb(h: number, e: number, d: number): [number, number, number] {
  const m = STAIN_MATRIX;
  return [0, 1, 2].map((j) => 256 * Math.exp(-(h * m[j]! + e * m[3 + j]! + d * m[6 + j]!)) - 1) as [
    number,
    number,
    number,
  ];
}

/**
 * Scales and shifts each stain's concentration, c' = c·alpha[c] + beta[c] for c = H, E, D, and rebuilds
 * the image: RGB rounded (half up) and clamped to 0..255, alpha copied; a 1-channel image is returned
 * unchanged (there are no stains to separate in grey). One pass over the pixels with a fused 3×3 matrix
 * A = M⁻¹·diag(alpha)·M and offset b = beta·M, so od' = od·A + b (both pre-multiplied by the table's
 * steps per unit OD), then e^−od' from the table; no allocation per pixel.
 */
export function jitterStains(image: Image, alpha: readonly number[], beta: readonly number[]): Image {
  const { width, height, channels: c, data } = image;
  if (c < 3) return { width, height, channels: image.channels, data: Uint8Array.from(data) };
  const inv = STAIN_MATRIX_INVERSE;
  const m = STAIN_MATRIX;
  const S = EXP_STEPS;
  const a = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += inv[i * 3 + k]! * alpha[k]! * m[k * 3 + j]!;
      a[i * 3 + j] = s * S;
    }
  }
  const b0 = (beta[0]! * m[0]! + beta[1]! * m[3]! + beta[2]! * m[6]!) * S;
  const b1 = (beta[0]! * m[1]! + beta[1]! * m[4]! + beta[2]! * m[7]!) * S;
  const b2 = (beta[0]! * m[2]! + beta[1]! * m[5]! + beta[2]! * m[8]!) * S;
  const [a00, a01, a02, a10, a11, a12, a20, a21, a22] = a;
  const lut = OPTICAL_DENSITY;
  const table = EXP_TABLE;
  const white = OD_WHITE * S;
  const black = OD_BLACK * S;
  const out = new Uint8Array(data.length); // zero: what od' ≥ OD_BLACK gives
  const end = width * height * c;
  // f = od'·S; f ≤ white → 255; white < f < black → table value in (−0.5, 254.5), + 0.5 and the
  // truncation of the Uint8Array store round it half up; f ≥ black → 0 (left as is)
  for (let p = 0; p < end; p += c) {
    const r = lut[data[p]!]!;
    const g = lut[data[p + 1]!]!;
    const bl = lut[data[p + 2]!]!;
    let f = r * a00! + g * a10! + bl * a20! + b0;
    if (f <= white) out[p] = 255;
    else if (f < black) {
      const k = f | 0;
      const lo = table[k]!;
      out[p] = lo + (table[k + 1]! - lo) * (f - k) + 0.5;
    }
    f = r * a01! + g * a11! + bl * a21! + b1;
    if (f <= white) out[p + 1] = 255;
    else if (f < black) {
      const k = f | 0;
      const lo = table[k]!;
      out[p + 1] = lo + (table[k + 1]! - lo) * (f - k) + 0.5;
    }
    f = r * a02! + g * a12! + bl * a22! + b2;
    if (f <= white) out[p + 2] = 255;
    else if (f < black) {
      const k = f | 0;
      const lo = table[k]!;
      out[p + 2] = lo + (table[k + 1]! - lo) * (f - k) + 0.5;
    }
    if (c === 4) out[p + 3] = data[p + 3]!;
  }
  return { width, height, channels: image.channels, data: out };
}

function invert3x3(m: Float64Array): Float64Array {
  const at = (k: number) => m[k]!;
  const [a, b, c, d, e, f, g, h, i] = [at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7), at(8)];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return Float64Array.from(
    [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map(
      (v) => v / det,
    ),
  );
}
