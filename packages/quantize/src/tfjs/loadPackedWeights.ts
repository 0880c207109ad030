import { unpackWeights } from '@qfcn/quantize';
import type { WeightSource } from './internal';
import { setModelWeights, type SetWeightsOptions } from './setModelWeights';

/**
 * Sets packed weights (bytes from `packModel` / `packWeights`) into a tfjs model's variables.
 *
 * **When to use**: to load a quantized model for inference or further training: afterwards the
 * model is an ordinary tfjs model whose kernels happen to hold level values.
 *
 * **Details**: the bytes are verified first (`unpackWeights`: `CorruptFileError` for truncated,
 * foreign or altered data), then set with `setModelWeights` (matched by name or order, all shapes
 * checked before anything is written). Returns `{ match, count }`.
 *
 * @example
 * const fresh = buildModel();                       // same architecture, new layer names
 * loadPackedWeights(fresh, bytes);                   // { match: 'order', count: 6 }
 * fresh.predict(x);
 */
export function loadPackedWeights(
  target: WeightSource,
  bytes: Uint8Array,
  options: SetWeightsOptions = {},
): { match: 'name' | 'order'; count: number } {
  return setModelWeights(target, unpackWeights(bytes, { path: options.path }).tensors, options);
}
