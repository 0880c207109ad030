// sRGB (8-bit, D65) <-> CIELAB, the formulas of IEC 61966-2-1 and CIE 15 (white point D65,
// Xn = 0.95047, Yn = 1, Zn = 1.08883). Shared by colorStatistics and matchColorStatistics.

const EPSILON = (6 / 29) ** 3;
const KAPPA = 3 * (6 / 29) ** 2;
const WHITE = [0.95047, 1, 1.08883] as const;

/** Linear-light value of each 8-bit sRGB level (the sRGB transfer curve inverted). */
const LINEAR: Float64Array = Float64Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

const f = (t: number) => (t > EPSILON ? Math.cbrt(t) : t / KAPPA + 4 / 29);
const fInverse = (t: number) => (t > 6 / 29 ? t * t * t : KAPPA * (t - 4 / 29));
const encode = (c: number) => {
  const v = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.min(255, Math.max(0, Math.round(v * 255)));
};

/** CIELAB `[L, a, b]` of an 8-bit sRGB colour, written into `out` at `offset`. */
export function rgbToLab(r: number, g: number, b: number, out: Float64Array | number[], offset = 0): void {
  const R = LINEAR[r]!;
  const G = LINEAR[g]!;
  const B = LINEAR[b]!;
  const fx = f((0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / WHITE[0]);
  const fy = f((0.2126729 * R + 0.7151522 * G + 0.072175 * B) / WHITE[1]);
  const fz = f((0.0193339 * R + 0.119192 * G + 0.9503041 * B) / WHITE[2]);
  out[offset] = 116 * fy - 16;
  out[offset + 1] = 500 * (fx - fy);
  out[offset + 2] = 200 * (fy - fz);
}

/** The 8-bit sRGB colour (rounded, clipped to 0..255) of CIELAB `[L, a, b]`, written into `out` at `offset`. */
export function labToRgb(L: number, a: number, b: number, out: Uint8Array, offset = 0): void {
  const fy = (L + 16) / 116;
  const X = WHITE[0] * fInverse(fy + a / 500);
  const Y = WHITE[1] * fInverse(fy);
  const Z = WHITE[2] * fInverse(fy - b / 200);
  out[offset] = encode(3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z);
  out[offset + 1] = encode(-0.969266 * X + 1.8760108 * Y + 0.041556 * Z);
  out[offset + 2] = encode(0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z);
}
