import { ReluGrad } from '@qfcn/contract';
import { elementwiseGrad } from './elementwiseGrad';

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
export const reluGrad = elementwiseGrad(ReluGrad);
