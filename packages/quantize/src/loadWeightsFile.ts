import { InvalidArgumentError } from './errors';
import { readBytes } from './internal/atomicWrite';
import { type UnpackedWeights, unpackWeights } from './unpackWeights';

/**
 * Reads and verifies a packed weights file written by `saveWeightsFile` (Node.js).
 *
 * **When to use**: to load a quantized model saved to disk; `loadPackedModel` in
 * `@qfcn/quantize/tfjs` also sets the weights into a tfjs model.
 *
 * **Details**: the same checks as `unpackWeights` (magic, version, length, CRC-32, records);
 * a failing check throws `CorruptFileError` whose message starts with the path. A missing file
 * throws the file system's `ENOENT` error.
 *
 * @example
 * const { tensors } = await loadWeightsFile('model.qfcn');
 */
export async function loadWeightsFile(path: string): Promise<UnpackedWeights> {
  if (typeof path !== 'string' || path.length === 0)
    throw new InvalidArgumentError('path', 'expected a non-empty file path');
  return unpackWeights(await readBytes(path), { path });
}
