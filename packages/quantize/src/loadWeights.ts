import { readSource, sourceName, type ByteSource } from './readSource';
import { type UnpackedWeights, unpackWeights } from './unpackWeights';

/**
 * Reads and verifies packed weights (`.qfcnq` bytes from `packWeights` / `saveWeightsFile`) from a
 * URL, an `ArrayBuffer`, a typed array or a `File` — browser-safe. In Node, `@qfcn/quantize`'s node
 * entry also takes file paths here (see `loadWeightsFile`).
 *
 * **Details**: the same checks as `unpackWeights`; a failing check throws `CorruptFileError` naming
 * the source.
 *
 * @example
 * const { tensors } = await loadWeights('models/member-0.qfcnq');   // fetched in a page
 */
export async function loadWeights(source: ByteSource): Promise<UnpackedWeights> {
  return unpackWeights(await readSource(source), { path: sourceName(source) });
}
