/** Geometry of a 2-D NHWC convolution, as tfjs' `computeConv2DInfo` reports it. */
export interface ConvGeometry {
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly ci: number;
  readonly co: number;
  readonly kh: number;
  readonly kw: number;
  readonly oh: number;
  readonly ow: number;
  readonly sh: number;
  readonly sw: number;
  readonly top: number;
  readonly left: number;
}

/**
 * Float64 reference for a stride-`s` NHWC convolution and both its gradients, straight from the
 * definition `y[n,o,p,co] = Σ x[n, o·sh + i − top, p·sw + j − left, ci] · W[i,j,ci,co]` (zero
 * outside `x`): `dx` and `dW` are accumulated term by term from the same sum, so they are its exact
 * adjoints. Slow (a loop over every term); for tiny test shapes only.
 *
 * @example
 * naiveConv2d(g, x, w).y; naiveConv2d(g, x, w, dy).dx; naiveConv2d(g, x, w, dy).dw
 */
export function naiveConv2d(
  g: ConvGeometry,
  x: ArrayLike<number>,
  filter: ArrayLike<number>,
  dy?: ArrayLike<number>,
): { y: Float64Array; dx: Float64Array; dw: Float64Array } {
  const y = new Float64Array(g.n * g.oh * g.ow * g.co);
  const dx = new Float64Array(g.n * g.h * g.w * g.ci);
  const dw = new Float64Array(g.kh * g.kw * g.ci * g.co);
  for (let b = 0; b < g.n; b++) {
    for (let o = 0; o < g.oh; o++) {
      for (let p = 0; p < g.ow; p++) {
        for (let i = 0; i < g.kh; i++) {
          const r = o * g.sh + i - g.top;
          if (r < 0 || r >= g.h) continue;
          for (let j = 0; j < g.kw; j++) {
            const c = p * g.sw + j - g.left;
            if (c < 0 || c >= g.w) continue;
            for (let a = 0; a < g.ci; a++) {
              const xi = ((b * g.h + r) * g.w + c) * g.ci + a;
              for (let q = 0; q < g.co; q++) {
                const wi = ((i * g.kw + j) * g.ci + a) * g.co + q;
                const yi = ((b * g.oh + o) * g.ow + p) * g.co + q;
                y[yi]! += x[xi]! * filter[wi]!;
                if (dy) {
                  dx[xi]! += dy[yi]! * filter[wi]!;
                  dw[wi]! += x[xi]! * dy[yi]!;
                }
              }
            }
          }
        }
      }
    }
  }
  return { y, dx, dw };
}
