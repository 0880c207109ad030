import { engine, type GradConfig, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';
import { SquareGrad } from '@qfcn/contract';
import { nativeGradActive } from './nativeGradActive';

/**
 * The `Square` gradient on qfcn-native: `dy · 2x` as ONE fused kernel (`QfcnSquareGrad`) instead
 * of two Multiply passes (batch-norm variance is the mean of a square).
 *
 * When to use: installed by `registerNativeGradients`.
 *
 * Details: same values as tfjs's gradient (2x is exact). Delegates to `original` on other
 * backends, for higher-order gradients, and for non-float32 tensors.
 *
 * Example: `registerGradient(squareGrad(getGradient('Square')!, 'qfcn-native'))`
 */
export function squareGrad(original: GradConfig, backendName: string): GradConfig {
  return {
    ...original,
    gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
      const x = saved[0]!; // the saved input
      const g = dy as Tensor;
      if (!nativeGradActive(backendName) || g.dtype !== 'float32' || x.dtype !== 'float32' || g.size !== x.size) {
        return original.gradFunc(dy, saved, attrs);
      }
      return { x: () => engine().runKernel(SquareGrad, { a: g, b: x }, {}) as Tensor };
    },
  };
}
