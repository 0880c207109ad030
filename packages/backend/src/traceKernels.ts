import { getBackend, getKernel, profile } from '@tensorflow/tfjs-core';

/**
 * Names of the tfjs kernels that `fn` runs, sorted and without repeats.
 *
 * When to use: to find what a model needs from a backend (pass the result to `assertKernels`), or
 * to check that a training step really runs the kernels you expect (e.g. `FusedConv2D` rather than
 * `Conv2D` + `Add`).
 *
 * Details: runs `fn` once under `tf.profile`, on the current backend, and collects every kernel
 * dispatched through the engine, including those of the backward pass (`tf.grad`,
 * `optimizer.minimize`). Kernels a backend composes internally are not seen, only the ones the
 * engine dispatches; pseudo-kernels of custom gradients (no registered kernel) are dropped.
 * Whatever `fn` returns is disposed by you, not here.
 *
 * @example
 * const names = await traceKernels(() => tf.tidy(() => tf.relu(tf.conv2d(x, w, 1, 'same'))));
 * // ['Conv2D', 'Relu']
 */
export async function traceKernels(fn: () => unknown): Promise<string[]> {
  const info = await profile(async () => {
    await fn();
    return [];
  });
  // Custom-gradient ops (e.g. `fusedConv2d__op`) show up under pseudo names with no kernel: drop them.
  const backend = getBackend();
  return [...new Set(info.kernels.map((k) => k.name))].filter((name) => getKernel(name, backend) != null).sort();
}
