import { div, reshape, tile, util, type GradConfig, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';
import { nativeGradActive } from './nativeGradActive';

/**
 * The `Sum` or `Mean` gradient on qfcn-native: `dy` (divided by the reduced size for Mean)
 * broadcast back to `x`'s shape by one Tile pass, instead of tfjs's JS-filled `ones(x.shape)`
 * tensor, a broadcasting Multiply and (Mean) a full-size RealDiv.
 *
 * When to use: installed by `registerNativeGradients` (batch-norm statistics are Means).
 *
 * Details: identical values (the division is applied to the small `dy` before broadcasting).
 * Delegates to `original` on other backends, for higher-order gradients, and for non-float32 `dy`.
 *
 * Example: `registerGradient(reduceGrad(getGradient('Mean')!, 'qfcn-native'))`
 */
export function reduceGrad(original: GradConfig, backendName: string): GradConfig {
  const mean = original.kernelName === 'Mean';
  return {
    ...original,
    gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
      const x = saved[0]!; // the saved input
      const g = dy as Tensor;
      if (!nativeGradActive(backendName) || g.dtype !== 'float32') return original.gradFunc(dy, saved, attrs);
      const axes = util.parseAxisParam((attrs as { axis: number | number[] }).axis, x.shape);
      const expanded = x.shape.slice();
      for (const a of axes) expanded[a] = 1;
      const reps = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
      const reduceSize = axes.reduce((p, a) => p * x.shape[a]!, 1);
      return {
        x: () => {
          const small = reshape(g, expanded);
          return tile(mean ? div(small, reduceSize) : small, reps);
        },
      };
    },
  };
}
