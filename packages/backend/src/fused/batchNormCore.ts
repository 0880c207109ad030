/**
 * Pixels per block: every pass walks a block channel by channel (accumulators in registers, the
 * block in cache), ~2× faster in V8 than pixel by pixel with per-channel arrays.
 */
const BLOCK = 512;

/**
 * Batch normalization over the leading axes of an `[pixels, channels]` array (NHWC flattened), with
 * per-channel statistics accumulated in float64. Shared by the cpu-family and wasm kernels.
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
  const c = gamma.length;
  const pixels = x.length / c;
  const sum = new Float64Array(c);
  const sumSq = new Float64Array(c);
  for (let p0 = 0; p0 < pixels; p0 += BLOCK) {
    const end = Math.min(pixels, p0 + BLOCK) * c;
    for (let k = 0; k < c; k++) {
      let s = 0;
      let s2 = 0;
      for (let i = p0 * c + k; i < end; i += c) {
        const v = x[i];
        s += v;
        s2 += v * v;
      }
      sum[k] += s;
      sumSq[k] += s2;
    }
  }
  const mu = new Float64Array(c);
  const scale = new Float64Array(c);
  const shift = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    mu[k] = sum[k] / pixels;
    const vr = Math.max(0, sumSq[k] / pixels - mu[k] * mu[k]);
    mean[k] = mu[k];
    variance[k] = vr;
    scale[k] = gamma[k] / Math.sqrt(vr + epsilon);
    shift[k] = beta[k] - mu[k] * scale[k];
  }
  for (let p0 = 0; p0 < pixels; p0 += BLOCK) {
    const end = Math.min(pixels, p0 + BLOCK) * c;
    for (let k = 0; k < c; k++) {
      const a = scale[k];
      const b = shift[k];
      for (let i = p0 * c + k; i < end; i += c) y[i] = x[i] * a + b;
    }
  }
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
  const c = gamma.length;
  const pixels = x.length / c;
  const sumDy = new Float64Array(c);
  const sumDyX = new Float64Array(c);
  for (let p0 = 0; p0 < pixels; p0 += BLOCK) {
    const end = Math.min(pixels, p0 + BLOCK) * c;
    for (let k = 0; k < c; k++) {
      const mu = mean[k];
      let s = 0;
      let s2 = 0;
      for (let i = p0 * c + k; i < end; i += c) {
        const d = dy[i];
        s += d;
        s2 += d * (x[i] - mu);
      }
      sumDy[k] += s;
      sumDyX[k] += s2;
    }
  }
  const k1 = new Float64Array(c);
  const k2 = new Float64Array(c);
  const k3 = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    const r = 1 / Math.sqrt(variance[k] + epsilon);
    const dg = sumDyX[k] * r;
    dGamma[k] = dg;
    dBeta[k] = sumDy[k];
    k1[k] = gamma[k] * r;
    k2[k] = (-gamma[k] * r * r * dg + 2 * dVariance[k]) / pixels;
    k3[k] = (-gamma[k] * r * sumDy[k] + dMean[k]) / pixels - k2[k] * mean[k];
  }
  // dx = k1·dy + k2·(x - μ) + (-γr·Σdy + dμ)/P, with the -k2·μ folded into k3
  for (let p0 = 0; p0 < pixels; p0 += BLOCK) {
    const end = Math.min(pixels, p0 + BLOCK) * c;
    for (let k = 0; k < c; k++) {
      const a = k1[k];
      const b = k2[k];
      const d = k3[k];
      for (let i = p0 * c + k; i < end; i += c) dx[i] = a * dy[i] + b * x[i] + d;
    }
  }
}
