import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@qfcn/contract';
import { replacedWasmKernels, wasmTrainingKernels } from './wasm/wasmTrainingKernels';

/** Options of {@link registerWasmTrainingKernels}. */
export interface RegisterWasmTrainingKernelsOptions {
  /**
   * Which of qfcn's wasm kernels to register. Default: all of them, i.e.
   * `['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Tile', 'Sum', 'Mean', 'Concat', 'SplitV', 'Identity']`.
   */
  readonly kernels?: readonly string[];
}

/**
 * Registers qfcn's training kernels on the tfjs `wasm` backend and returns their names.
 *
 * When to use: `initBackend('wasm' | 'auto')` calls it for you; call it yourself only when you set
 * up the wasm backend by hand (`tf.setBackend('wasm')`). It can run before or after the backend is
 * initialized.
 *
 * Details: adds `Conv2DBackpropFilter` (wasm has none, so conv nets cannot train on it) and replaces
 * wasm's `Conv2DBackpropInput` (~10× slower than its forward convolution) — both built from wasm's
 * XNNPACK convolution / matmul and JS block moves on the wasm heap — and replaces wasm's
 * `MaxPoolGrad`, which misroutes the gradient of windows whose values are all ≤ 0, and its `Tile`
 * (element by element; the batch-norm gradient tiles to full activation size) with block moves.
 * Also faster paths for what an FCN step runs on whole activations: `Sum` / `Mean` over leading
 * axes (per-channel sums; wasm transposes first), `Concat` / `SplitV` along channels (wasm copies
 * per pixel from JS), and `Identity` sharing its input instead of copying; other cases of those
 * kernels go to wasm's own. Idempotent;
 * wasm's replaced kernels are kept, and `restoreWasmKernels()` puts them back.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import '@tensorflow/tfjs-backend-wasm';
 * registerWasmTrainingKernels(); // ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Tile', 'Sum', 'Mean', 'Concat', 'SplitV', 'Identity']
 * await tf.setBackend('wasm');
 */
export function registerWasmTrainingKernels(options: RegisterWasmTrainingKernelsOptions = {}): string[] {
  const names = options.kernels ?? [...wasmTrainingKernels.keys()];
  for (const name of names) {
    if (!wasmTrainingKernels.has(name)) {
      throw new InvalidArgumentError(
        'kernels',
        `'${name}' is not a qfcn wasm kernel (known: ${[...wasmTrainingKernels.keys()].join(', ')})`,
      );
    }
  }
  for (const name of names) {
    const ours = wasmTrainingKernels.get(name)!;
    const current = getKernel(name, 'wasm');
    if (current === ours) continue;
    if (current != null) {
      replacedWasmKernels.set(name, current);
      unregisterKernel(name, 'wasm');
    }
    registerKernel(ours);
  }
  return [...names];
}
