import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, type WeightTensor } from '@qfcn/quantize';
import { collectWeights } from './collectWeights';
import type { WeightSource } from './internal';

/** Options of {@link setModelWeights} and {@link loadPackedWeights}. */
export interface SetWeightsOptions {
  /**
   * How stored tensors find their variables: `'name'`, `'order'` (same architecture, same
   * `model.weights` order, shapes checked), or `'auto'` (default): by name when every stored name
   * exists in the target, else by order. tf.layers renames layers per model instance
   * (`dense_Dense1` → `dense_Dense2`), which is why order matching exists.
   */
  match?: 'auto' | 'name' | 'order';
  /** Put in front of error messages (the file the tensors came from). */
  path?: string;
}

/**
 * Sets `WeightTensor`s (e.g. `unpackWeights(bytes).tensors`) into a tfjs model's variables.
 *
 * **When to use**: to load weights you unpacked yourself; `loadPackedWeights` does unpack + set.
 *
 * **Details**: every tensor is matched (see `match`) and shape-checked before any variable is
 * written, so a mismatch (`InvalidArgumentError` naming the tensor) leaves the model untouched.
 * Values are assigned to the underlying `tf.Variable`s directly (layer constraints are not
 * re-applied), so the model holds exactly the given values. A value that is not finite (NaN,
 * ±Infinity) throws `InvalidArgumentError` before anything is written. Tensors and the target's variables
 * must correspond one to one. Returns how tensors were matched and how many were set.
 *
 * @example
 * setModelWeights(model, unpackWeights(bytes).tensors);   // { match: 'name', count: 6 }
 */
export function setModelWeights(
  target: WeightSource,
  tensors: readonly WeightTensor[],
  options: SetWeightsOptions = {},
): { match: 'name' | 'order'; count: number } {
  const match = options.match ?? 'auto';
  if (match !== 'auto' && match !== 'name' && match !== 'order') {
    throw new InvalidArgumentError('match', `expected 'auto', 'name' or 'order', got ${String(match)}`);
  }
  const variables = collectWeights(target);
  const prefix = options.path ? `${options.path}: ` : '';
  if (tensors.length !== variables.size) {
    throw new InvalidArgumentError(
      'target',
      `${prefix}${tensors.length} stored tensors, the model has ${variables.size} weights`,
    );
  }
  const byName = tensors.every((t) => variables.has(t.name));
  const used: 'name' | 'order' = match === 'auto' ? (byName ? 'name' : 'order') : match;
  if (used === 'name' && !byName) {
    const missing = tensors.filter((t) => !variables.has(t.name)).map((t) => t.name);
    throw new InvalidArgumentError('target', `${prefix}the model has no weights named ${missing.join(', ')}`);
  }
  const list = [...variables];
  const pairs = tensors.map((t, i): [WeightTensor, tf.Variable] => {
    const [name, v] = used === 'name' ? [t.name, variables.get(t.name)!] : list[i]!;
    if (v.dtype !== 'float32') throw new InvalidArgumentError(name, `is ${v.dtype}; packed tensors are float32`);
    if (JSON.stringify(v.shape) !== JSON.stringify(t.shape)) {
      throw new InvalidArgumentError(
        name,
        `${prefix}has shape [${v.shape}], the stored tensor '${t.name}' has [${t.shape}]`,
      );
    }
    const bad = t.values.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0)
      throw new InvalidArgumentError(
        name,
        `${prefix}the stored tensor '${t.name}' holds ${t.values[bad]} at index ${bad}; weights must be finite`,
      );
    return [t, v];
  });
  tf.tidy(() => {
    for (const [t, v] of pairs) v.assign(tf.tensor(t.values, v.shape, 'float32'));
  });
  return { match: used, count: pairs.length };
}
