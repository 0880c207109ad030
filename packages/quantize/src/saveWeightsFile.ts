import type { WeightTensor } from './contract';
import { InvalidArgumentError } from './errors';
import { atomicWrite } from './internal/atomicWrite';
import { packWeights } from './packWeights';

/**
 * Packs weight tensors (see `packWeights`) and writes them to `path` atomically (Node.js).
 *
 * **When to use**: to save a quantized model to disk; read it back with `loadWeightsFile`.
 *
 * **Details**: the bytes go to a temporary file beside `path`, which is flushed and renamed over
 * `path`, so readers never see a half-written file and an existing file is replaced only once the
 * new one is complete. Returns the number of bytes written. Errors of `packWeights` are thrown
 * before anything is written; file-system errors propagate as they are.
 *
 * @example
 * await saveWeightsFile('model.qfcn', tensors);   // → 12345 (bytes)
 */
export async function saveWeightsFile(path: string, tensors: readonly WeightTensor[]): Promise<number> {
  if (typeof path !== 'string' || path.length === 0)
    throw new InvalidArgumentError('path', 'expected a non-empty file path');
  const bytes = packWeights(tensors);
  await atomicWrite(path, bytes);
  return bytes.length;
}
