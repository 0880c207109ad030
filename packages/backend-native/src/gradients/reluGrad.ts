import { engine, type GradConfig, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';
import { ReluGrad } from '@qfcn/contract';
import { nativeGradActive } from './nativeGradActive';

/**
 * The `Relu` gradient on qfcn-native: `dy · step(x)` as ONE fused kernel (`QfcnReluGrad`) instead of
 * tfjs's Step, Cast and Multiply — two fewer passes over every activation map.
 *
 * When to use: installed by `registerNativeGradients`.
 *
 * Details: same values as tfjs's gradient (step is 1 above 0, 0 below, NaN for NaN). Delegates to
 * `original` on other backends, for higher-order gradients, and for non-float32 tensors.
 *
 * Example: `registerGradient(reluGrad(getGradient('Relu')!, 'qfcn-native'))`
 */
export function reluGrad(original: GradConfig, backendName: string): GradConfig {
  return {
    ...original,
    gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
      const x = saved[0]!; // the saved input
      const g = dy as Tensor;
      if (!nativeGradActive(backendName) || g.dtype !== 'float32' || x.dtype !== 'float32' || g.size !== x.size) {
        return original.gradFunc(dy, saved, attrs);
      }
      return { x: () => engine().runKernel(ReluGrad, { a: g, b: x }, {}) as Tensor };
    },
  };
}
