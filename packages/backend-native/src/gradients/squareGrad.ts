import { SquareGrad } from '@qfcn/contract';
import { elementwiseGrad } from './elementwiseGrad';

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
export const squareGrad = elementwiseGrad(SquareGrad);
