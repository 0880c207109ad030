import { getGradient } from '@tensorflow/tfjs-core';
import { MissingGradientError } from './errors';
import { requiredGradientKernels } from './requiredKernels';

/**
 * Throws `MissingGradientError` (code `'MISSING_GRADIENT'`) naming every kernel of `kernelNames`
 * without a registered gradient; returns nothing when all have one.
 *
 * When to use: before training with only `@tensorflow/tfjs-core` imported, which registers no
 * gradients (training would otherwise fail at the first backward pass with "gradient function not
 * found"). `initBackend` calls it when checking for training.
 *
 * Details: gradients are backend-independent, so there is no backend argument. Default
 * `kernelNames`: `requiredGradientKernels`.
 *
 * @example
 * import '@tensorflow/tfjs'; // registers every gradient
 * assertGradients();         // ok
 */
export function assertGradients(kernelNames: readonly string[] = requiredGradientKernels): void {
  const missing = [...new Set(kernelNames)].filter((name) => getGradient(name) == null).sort();
  if (missing.length > 0) throw new MissingGradientError(missing);
}
