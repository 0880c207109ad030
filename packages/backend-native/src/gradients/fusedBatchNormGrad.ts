import {
  add,
  engine,
  mul,
  neg,
  reshape,
  rsqrt,
  scalar,
  type FusedBatchNormAttrs,
  type GradConfig,
  type NamedAttrMap,
  type Tensor,
} from '@tensorflow/tfjs-core';
import { BatchNormGradStats } from '@qfcn/contract';
import { nativeGradActive } from './nativeGradActive';

/**
 * The `FusedBatchNorm` gradient on qfcn-native, for per-channel statistics (`mean` of shape `[C]`,
 * `x` of shape `[..., C]`): one reduction pass (`QfcnBatchNormGradStats`: Σdy, Σdy·(x−mean)) and one
 * Multiply for `dx`, instead of tfjs's ~9 full-size passes, a Tile and 4 reductions.
 *
 * When to use: installed by `registerNativeGradients` (every tf.layers.batchNormalization in
 * training mode).
 *
 * Details: with r = 1/√(variance + ε) and s = scale (1 when absent):
 * dx = dy·r·s, dmean = −r·s·Σdy, dvariance = −½·r³·s·Σdy·(x−mean), dscale = r·Σdy·(x−mean),
 * doffset = Σdy — tfjs's formulas, summed in double. Delegates to `original` for other shapes and
 * dtypes, other backends, and higher-order gradients.
 *
 * Example: `registerGradient(fusedBatchNormGrad(getGradient('FusedBatchNorm')!, 'qfcn-native'))`
 */
export function fusedBatchNormGrad(original: GradConfig, backendName: string): GradConfig {
  return {
    ...original,
    gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
      // saved: the inputs x, mean, variance, scale (tfjs' FusedBatchNorm gradient config)
      const [x, mean, variance, scale] = saved as [Tensor, Tensor, Tensor, Tensor | undefined];
      const g = dy as Tensor;
      const c = mean.rank === 1 ? mean.shape[0] : -1;
      const fits =
        nativeGradActive(backendName) &&
        c > 0 &&
        x.size > 0 &&
        x.shape[x.rank - 1] === c &&
        variance.size === c &&
        (scale == null || scale.size === c || scale.size === 1) &&
        [g, x, mean, variance, scale].every((t) => t == null || t.dtype === 'float32');
      if (!fits) return original.gradFunc(dy, saved, attrs);
      const { varianceEpsilon } = attrs as unknown as FusedBatchNormAttrs;
      const s = scale ?? scalar(1);
      const r = rsqrt(add(variance, scalar(varianceEpsilon)));
      const rs = mul(r, s);
      const [sumDy, sumDyXc] = engine().runKernel(BatchNormGradStats, { x, dy: g, mean }, {}) as [Tensor, Tensor];
      return {
        x: () => mul(g, rs),
        mean: () => reshape(mul(neg(rs), sumDy), mean.shape),
        variance: () => reshape(mul(mul(mul(mul(r, r), r), -0.5), mul(s, sumDyXc)), mean.shape),
        scale: () => reshape(mul(r, sumDyXc), mean.shape),
        offset: () => reshape(sumDy, mean.shape),
      };
    },
  };
}
