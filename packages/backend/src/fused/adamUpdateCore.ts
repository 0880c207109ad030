import type { AdamUpdateAttrs } from './kernelNames';

const f = Math.fround;

/**
 * The Adam update on typed arrays, element by element, rounding to float32 after every operation
 * exactly as the composed tfjs ops do (`add(mul(m, β1), mul(g, 1-β1))`, ...), so the fused kernel
 * and the composition agree bit for bit. Outputs may not alias inputs.
 */
export function adamUpdateCore(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  outW: Float32Array,
  outM: Float32Array,
  outV: Float32Array,
  attrs: AdamUpdateAttrs,
): void {
  const b1 = f(attrs.beta1);
  const c1 = f(1 - attrs.beta1);
  const b2 = f(attrs.beta2);
  const c2 = f(1 - attrs.beta2);
  const lr = f(attrs.learningRate);
  const eps = f(attrs.epsilon);
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const mi = f(f(m[i]! * b1) + f(gi * c1));
    const vi = f(f(v[i]! * b2) + f(f(gi * gi) * c2));
    outM[i] = mi;
    outV[i] = vi;
    outW[i] = f(w[i]! - f(f(mi * lr) / f(f(Math.sqrt(vi)) + eps)));
  }
}
