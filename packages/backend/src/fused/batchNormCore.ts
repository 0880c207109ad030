/**
 * Pixels per block: every pass walks a block channel by channel (accumulators in registers, the
 * block in cache), ~2× faster in V8 than pixel by pixel with per-channel arrays.
 */
const BLOCK = 512;

/**
 * Per-channel `Σ a` and `Σ a·(b − shift)` over the pixels of `[pixels, c]` arrays, in float64; with
 * `b` omitted, `Σ a` and `Σ a²`.
 */
function channelSums(
  c: number,
  a: Float32Array,
  b?: Float32Array,
  shift?: ArrayLike<number>,
): [Float64Array, Float64Array] {
  const pixels = a.length / c;
  const s1 = new Float64Array(c);
  const s2 = new Float64Array(c);
  for (let p0 = 0; p0 < pixels; p0 += BLOCK) {
    const end = Math.min(pixels, p0 + BLOCK) * c;
    for (let k = 0; k < c; k++) {
      let u = 0;
      let v = 0;
      if (b === undefined) {
        for (let i = p0 * c + k; i < end; i += c) {
          const t = a[i]!;
          u += t;
          v += t * t;
        }
      } else {
        const mu = shift![k]!;
        for (let i = p0 * c + k; i < end; i += c) {
          const t = a[i]!;
          u += t;
          v += t * (b[i]! - mu);
        }
      }
      s1[k]! += u;
      s2[k]! += v;
    }
  }
  return [s1, s2];
}

/** `out[i] = a[k]·u[i] + (v ? b[k]·v[i] : 0) + d[k]` over `[pixels, c]` arrays, `k` the channel. */
function channelAffine(
  c: number,
  a: Float64Array,
  u: Float32Array,
  d: Float64Array,
  out: Float32Array,
  b?: Float64Array,
  v?: Float32Array,
): void {
  const pixels = u.length / c;
  for (let p0 = 0; p0 < pixels; p0 += BLOCK) {
    const end = Math.min(pixels, p0 + BLOCK) * c;
    for (let k = 0; k < c; k++) {
      const ak = a[k]!;
      const dk = d[k]!;
      if (v === undefined) {
        for (let i = p0 * c + k; i < end; i += c) out[i] = ak * u[i]! + dk;
      } else {
        const bk = b![k]!;
        for (let i = p0 * c + k; i < end; i += c) out[i] = ak * u[i]! + bk * v[i]! + dk;
      }
    }
  }
}

/**
 * The batch statistics of `x` (`[pixels, c]`, NHWC flattened) in float64, written to `mean` and
 * `variance` (biased), and the per-channel `scale = γ/√(σ²+ε)` and `shift = β − μ·scale` of the
 * normalization `y = x·scale + shift`.
 */
export function batchNormStatistics(
  x: Float32Array,
  gamma: Float32Array,
  beta: Float32Array,
  epsilon: number,
  mean: Float32Array,
  variance: Float32Array,
): { scale: Float64Array; shift: Float64Array } {
  const c = gamma.length;
  const pixels = x.length / c;
  const [sum, sumSq] = channelSums(c, x);
  const scale = new Float64Array(c);
  const shift = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    const mu = sum[k]! / pixels;
    const vr = Math.max(0, sumSq[k]! / pixels - mu * mu);
    mean[k] = mu;
    variance[k] = vr;
    scale[k] = gamma[k]! / Math.sqrt(vr + epsilon);
    shift[k] = beta[k]! - mu * scale[k]!;
  }
  return { scale, shift };
}

/**
 * Batch normalization over the leading axes of an `[pixels, channels]` array (NHWC flattened), with
 * per-channel statistics accumulated in float64. Shared by the cpu-family kernels.
 */
export function batchNormTrainingCore(
  x: Float32Array,
  gamma: Float32Array,
  beta: Float32Array,
  epsilon: number,
  y: Float32Array,
  mean: Float32Array,
  variance: Float32Array,
): void {
  const { scale, shift } = batchNormStatistics(x, gamma, beta, epsilon, mean, variance);
  channelAffine(gamma.length, scale, x, shift, y);
}

/**
 * The per-channel reductions of the batch-norm gradient and the coefficients of
 * `dx = k1·dy + k2·(x − μ) + k3`: `dβ = Σ dy`, `dγ = Σ dy·x̂` (written to `dGamma`, `dBeta`),
 * `k1 = γr`, `k2 = (−γr²·dγ + 2dσ²)/P`, `k3 = (−γr·Σdy + dμ)/P`, with `r = 1/√(σ²+ε)`,
 * `x̂ = (x−μ)r` and `P` pixels.
 */
export function batchNormGradCoefficients(
  dy: Float32Array,
  x: Float32Array,
  gamma: Float32Array,
  mean: Float32Array,
  variance: Float32Array,
  dMean: Float32Array,
  dVariance: Float32Array,
  epsilon: number,
  dGamma: Float32Array,
  dBeta: Float32Array,
): { k1: Float64Array; k2: Float64Array; k3: Float64Array } {
  const c = gamma.length;
  const pixels = x.length / c;
  const [sumDy, sumDyX] = channelSums(c, dy, x, mean);
  const k1 = new Float64Array(c);
  const k2 = new Float64Array(c);
  const k3 = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    const r = 1 / Math.sqrt(variance[k]! + epsilon);
    const dg = sumDyX[k]! * r;
    dGamma[k] = dg;
    dBeta[k] = sumDy[k]!;
    k1[k] = gamma[k]! * r;
    k2[k] = (-gamma[k]! * r * r * dg + 2 * dVariance[k]!) / pixels;
    k3[k] = (-gamma[k]! * r * sumDy[k]! + dMean[k]!) / pixels;
  }
  return { k1, k2, k3 };
}

/**
 * Gradient of {@link batchNormTrainingCore} for `dy` on the output and `dMean` / `dVariance` on the
 * returned statistics: `dβ = Σ dy`, `dγ = Σ dy·x̂`, `dx = γr(dy - dβ/P - x̂·dγ/P) + dμ/P + 2dσ²(x-μ)/P`
 * with `r = 1/√(σ²+ε)`, `x̂ = (x-μ)r`, `P` pixels.
 */
export function batchNormTrainingGradCore(
  dy: Float32Array,
  x: Float32Array,
  gamma: Float32Array,
  mean: Float32Array,
  variance: Float32Array,
  dMean: Float32Array,
  dVariance: Float32Array,
  epsilon: number,
  dx: Float32Array,
  dGamma: Float32Array,
  dBeta: Float32Array,
): void {
  const { k1, k2, k3 } = batchNormGradCoefficients(
    dy,
    x,
    gamma,
    mean,
    variance,
    dMean,
    dVariance,
    epsilon,
    dGamma,
    dBeta,
  );
  // dx = k1·dy + k2·x + (k3 − k2·μ): the centring folded into the constant (float64 here)
  const d = k3.map((v, k) => v - k2[k]! * mean[k]!);
  channelAffine(gamma.length, k1, dy, d, dx, k2, x);
}
