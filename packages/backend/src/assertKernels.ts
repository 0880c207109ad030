import { getKernel } from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@qfcn/contract';
import { MissingKernelError } from './errors';
import { requiredTrainingKernels } from './requiredKernels';

/**
 * Throws `MissingKernelError` (code `'MISSING_KERNEL'`) naming every kernel of `kernelNames` that
 * backend `backendName` has no registered kernel for; returns nothing when all are there.
 *
 * When to use: before long work on a backend, so it fails in the first second instead of minutes
 * into training. `initBackend` calls it on the backend it picks.
 *
 * Details: reads tfjs' kernel registry (`tf.getKernel`), so it needs no initialized backend and
 * runs nothing. Default `kernelNames`: `requiredTrainingKernels`. Stock tfjs wasm fails it with
 * `Conv2DBackpropFilter`; `registerWasmTrainingKernels()` fixes that.
 *
 * @example
 * assertKernels('wasm');                       // throws unless qfcn's wasm kernels are registered
 * assertKernels('cpu', ['Conv2D', 'MaxPool']);  // ok
 */
export function assertKernels(backendName: string, kernelNames: readonly string[] = requiredTrainingKernels): void {
  if (typeof backendName !== 'string' || backendName.length === 0) {
    throw new InvalidArgumentError('backendName', 'expected a backend name such as "wasm"');
  }
  const missing = [...new Set(kernelNames)].filter((name) => getKernel(name, backendName) == null).sort();
  if (missing.length > 0) {
    const hint =
      backendName === 'wasm' && missing.includes('Conv2DBackpropFilter')
        ? "Call registerWasmTrainingKernels() or initBackend('wasm') from @qfcn/backend"
        : '';
    throw new MissingKernelError(backendName, missing, hint);
  }
}
