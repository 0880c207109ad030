import { engine, type GradConfig, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';
import type { ReluGrad, SquareGrad } from '@qfcn/contract';
import { nativeGradActive } from './nativeGradActive';

/**
 * The gradient of a one-input elementwise op as one native kernel `kernelName` of inputs
 * `{ a: dy, b: x }` (the op's saved input), for `registerNativeGradients`.
 *
 * Details: the returned function wraps tfjs' own gradient config `original` for `backendName`: on
 * that backend, for float32 `dy` and `x` of the same size, `x`'s gradient is the kernel's output;
 * otherwise (other backends, higher-order gradients, other dtypes) it delegates to `original`.
 *
 * Example: `const reluGrad = elementwiseGrad(ReluGrad)`
 */
export function elementwiseGrad(
  kernelName: ReluGrad | SquareGrad,
): (original: GradConfig, backendName: string) => GradConfig {
  return (original, backendName) => ({
    ...original,
    gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
      const x = saved[0]!; // the saved input
      const g = dy as Tensor;
      if (!nativeGradActive(backendName) || g.dtype !== 'float32' || x.dtype !== 'float32' || g.size !== x.size) {
        return original.gradFunc(dy, saved, attrs);
      }
      return { x: () => engine().runKernel(kernelName, { a: g, b: x }, {}) as Tensor };
    },
  });
}
