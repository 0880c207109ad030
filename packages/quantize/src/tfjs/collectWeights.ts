import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@qfcn/quantize';
import { asVariable, type WeightSource } from './internal';

/**
 * The named `tf.Variable`s of a model: a `tf.LayersModel`, a `Map` or a plain record.
 *
 * **When to use**: to see which names INQ and `packModel` will use for your weights, or to turn a
 * `tf.LayersModel` into a map of variables.
 *
 * **Details**: for a LayersModel (any object with a `weights` array of LayerVariables) this is
 * `model.weights` in order — trainable and non-trainable (batch-norm moving statistics) alike —
 * keyed by `LayerVariable.originalName` (e.g. `conv2d_Conv2D1/kernel`, what model.json stores;
 * unlike `name` it gets no `_1` suffix when several models in one process share layer names),
 * each unwrapped to its underlying `tf.Variable`, which is what optimizers update. Map and record values may be `tf.Variable`s or
 * LayerVariables. Insertion order is kept. Throws `InvalidArgumentError` for a value that is not
 * a variable, duplicate names, or an unsupported source.
 *
 * @example
 * const vars = collectWeights(model);   // Map { 'dense_Dense1/kernel' => Variable, 'dense_Dense1/bias' => Variable }
 */
export function collectWeights(source: WeightSource): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>();
  const add = (name: string, value: unknown) => {
    if (out.has(name)) throw new InvalidArgumentError('source', `two weights are named '${name}'`);
    out.set(name, asVariable(value, name));
  };
  if (source instanceof Map) {
    for (const [name, value] of source) add(name, value);
  } else if (source && Array.isArray((source as { weights?: unknown }).weights)) {
    // Layers weights by `originalName` (what model.json stores, stable across models in one
    // process); tfjs suffixes `name` with `_1`, `_2`… when several models share layer names.
    for (const w of (source as { weights: ReadonlyArray<{ name: string; originalName?: string }> }).weights)
      add(w.originalName ?? w.name, w);
  } else if (source && typeof source === 'object') {
    for (const [name, value] of Object.entries(source)) add(name, value);
  } else {
    throw new InvalidArgumentError(
      'source',
      'expected a tf.LayersModel, a Map of tf.Variables or a record of tf.Variables',
    );
  }
  return out;
}
